using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Numi.Core.Clocks;
using Numi.Core.Funnels.Events;

namespace Numi.Infrastructure.Funnels;

/// <summary>How the funnel event pipeline has fared since start: events queued, dropped because the queue was full
/// or Numi was stopping, refused by validation or a session's budget, written by the store, and lost to a store that
/// kept failing; and how many wait now.</summary>
public sealed record FunnelEventCounts(long Accepted, long DroppedFull, long DroppedStopping, long Refused, long Written, long Failed, int Queued);

/// <summary>Between the funnel pages and <see cref="FunnelEventWriter"/>: a bounded in-memory channel, so that recording
/// an event costs a page one non-blocking write and never a database round trip.
/// <para>When the queue is full (the store has fallen far behind) <see cref="TryEnqueue"/> drops the event, counts it
/// and logs a warning at most every <see cref="DropWarningInterval"/>: analytics may lose events under overload, a
/// shopper's page must not wait for them. Events are in memory only, so a crash (not a clean stop, which drains)
/// loses what is queued.</para></summary>
public sealed partial class FunnelEventQueue
{
    public static readonly TimeSpan DropWarningInterval = TimeSpan.FromSeconds(10);

    private readonly Channel<AcceptedFunnelEvent> _channel;
    private readonly TimeProvider _clock;
    private readonly ILogger<FunnelEventQueue> _logger;
    private readonly long _warningIntervalTicks;
    private long _nextWarning;
    private long _droppedSinceWarning;
    private volatile bool _stopping;
    private long _accepted, _droppedFull, _droppedStopping, _refused, _written, _failed;

    public FunnelEventQueue(IOptions<FunnelEventOptions> options, ControllableClock clock, ILogger<FunnelEventQueue> logger)
    {
        _clock = clock;
        _logger = logger;
        _warningIntervalTicks = (long)(DropWarningInterval.TotalSeconds * clock.TimestampFrequency);
        _nextWarning = clock.GetTimestamp();
        // Wait mode only so that TryWrite answers false when full; nothing ever waits on the writing side.
        _channel = Channel.CreateBounded<AcceptedFunnelEvent>(new BoundedChannelOptions(options.Value.EventQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public int Queued => _channel.Reader.Count;

    internal ChannelReader<AcceptedFunnelEvent> Reader => _channel.Reader;

    /// <summary>Queues the event for the writer; false (and counted) if it was dropped. Never blocks.</summary>
    public bool TryEnqueue(AcceptedFunnelEvent accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        if (_channel.Writer.TryWrite(accepted))
        {
            Interlocked.Increment(ref _accepted);
            return true;
        }
        if (_stopping)
        {
            Interlocked.Increment(ref _droppedStopping);
            return false;
        }
        Interlocked.Increment(ref _droppedFull);
        Interlocked.Increment(ref _droppedSinceWarning);
        WarnIfDue();
        return false;
    }

    /// <summary>Queues an event whose sender keeps it when the queue cannot take it (a sale's, which
    /// <see cref="QueuedFunnelSaleEvents"/> then stores itself): counted when accepted, never as dropped.</summary>
    internal bool TryEnqueueKept(AcceptedFunnelEvent accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        if (!_channel.Writer.TryWrite(accepted)) return false;
        Interlocked.Increment(ref _accepted);
        return true;
    }

    /// <summary>Counts an event that validation or the session budget refused (the shopper is not told).</summary>
    public void CountRefused() => Interlocked.Increment(ref _refused);

    public FunnelEventCounts Snapshot() => new(
        Interlocked.Read(ref _accepted), Interlocked.Read(ref _droppedFull), Interlocked.Read(ref _droppedStopping),
        Interlocked.Read(ref _refused), Interlocked.Read(ref _written), Interlocked.Read(ref _failed), Queued);

    /// <summary>Takes no more events: the writer drains what is queued and ends.</summary>
    internal void Complete()
    {
        _stopping = true;
        _channel.Writer.TryComplete();
    }

    internal void CountWritten(int count) => Interlocked.Add(ref _written, count);

    internal void CountFailed(int count) => Interlocked.Add(ref _failed, count);

    /// <summary>One warning per interval with the number dropped since the last, not one per event: a full queue
    /// means a flood, and a log line per dropped event would add to it.</summary>
    private void WarnIfDue()
    {
        var now = _clock.GetTimestamp();
        var due = Interlocked.Read(ref _nextWarning);
        if (now < due || Interlocked.CompareExchange(ref _nextWarning, now + _warningIntervalTicks, due) != due) return;
        LogDropped(_logger, Interlocked.Exchange(ref _droppedSinceWarning, 0), _channel.Reader.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The funnel event queue is full ({Queued} waiting) and the store is not keeping up; events dropped since the last warning: {Dropped}")]
    private static partial void LogDropped(ILogger logger, long dropped, int queued);
}

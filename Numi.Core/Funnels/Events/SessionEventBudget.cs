using System.Collections.Concurrent;
using Numi.Core.Clocks;

namespace Numi.Core.Funnels.Events;

/// <summary>How many events one funnel session may record, so that a script replaying a page (or a bug in one) cannot
/// fill the database from a single session: at most <see cref="MaxEventsPerSession"/> events (200 unless configured;
/// a real journey records a few dozen). Past that, events are refused silently (the shopper's page works on) and
/// counted in <see cref="Refused"/>.
/// <para>Counted in this node's memory, not in the database, to keep the request path free of writes: with several web
/// nodes a session may reach the budget on each node it lands on, which still bounds it. A session not seen for
/// <see cref="ForgetAfter"/> (elapsed time, so moving Numi's clock does not touch it) is forgotten and would start
/// again at zero; sessions are created by the server, not by the visitor, so the number remembered follows real traffic.
/// </para></summary>
public sealed class SessionEventBudget
{
    public const int DefaultMaxEventsPerSession = 200;
    public static readonly TimeSpan DefaultForgetAfter = TimeSpan.FromHours(6);

    private readonly ConcurrentDictionary<Guid, Counter> _sessions = new();
    private readonly TimeProvider _clock;
    private readonly long _forgetAfterTicks;
    private long _nextSweep;
    private long _refused;

    public SessionEventBudget(ControllableClock clock, int maxEventsPerSession = DefaultMaxEventsPerSession, TimeSpan? forgetAfter = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEventsPerSession, 1);
        ForgetAfter = forgetAfter ?? DefaultForgetAfter;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ForgetAfter, TimeSpan.Zero, nameof(forgetAfter));
        _clock = clock;
        MaxEventsPerSession = maxEventsPerSession;
        _forgetAfterTicks = (long)(ForgetAfter.TotalSeconds * clock.TimestampFrequency);
        _nextSweep = clock.GetTimestamp() + _forgetAfterTicks / 4;
    }

    public int MaxEventsPerSession { get; }
    public TimeSpan ForgetAfter { get; }

    /// <summary>Events refused because their session had used its budget.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Sessions currently remembered.</summary>
    public int TrackedSessions => _sessions.Count;

    /// <summary>Takes one event from the session's budget: true if it may be recorded.</summary>
    public bool TryTake(Guid funnelSessionId)
    {
        var now = _clock.GetTimestamp();
        SweepIfDue(now);
        var counter = _sessions.GetOrAdd(funnelSessionId, static _ => new Counter());
        Volatile.Write(ref counter.LastSeen, now);
        // Checked before the increment so that a flood of refusals cannot overflow the count.
        if (Volatile.Read(ref counter.Count) >= MaxEventsPerSession || Interlocked.Increment(ref counter.Count) > MaxEventsPerSession)
        {
            Interlocked.Increment(ref _refused);
            return false;
        }
        return true;
    }

    /// <summary>A quarter of <see cref="ForgetAfter"/> apart, one caller scans and drops the sessions idle for longer.
    /// A session dropped while another request counts it loses at most that one count.</summary>
    private void SweepIfDue(long now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + _forgetAfterTicks / 4, due) != due) return;
        foreach (var (id, counter) in _sessions)
            if (now - Volatile.Read(ref counter.LastSeen) > _forgetAfterTicks) _sessions.TryRemove(new KeyValuePair<Guid, Counter>(id, counter));
    }

    private sealed class Counter
    {
        public int Count;
        public long LastSeen;
    }
}

using Numi.Core.Funnels.Events;

namespace Numi.Infrastructure.Funnels;

/// <summary>Settings of the funnel event pipeline, from <c>Numi:Funnels</c>.</summary>
public sealed class FunnelEventOptions
{
    public const string Section = "Numi:Funnels";

    /// <summary>Events waiting for the writer at most. At roughly 200 bytes an event, the default 100,000 holds about
    /// 20 MB and many seconds of a busy shop's traffic while the database is slow or away; past it, events are dropped
    /// and counted rather than let pages wait or memory grow.</summary>
    public int EventQueueCapacity { get; set; } = 100_000;

    /// <summary>Events in one store call at most.</summary>
    public int MaxBatch { get; set; } = 500;

    /// <summary>How long the writer gathers a batch after its first event before it writes what it has.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Tries per batch, the first included, before it is counted as failed.</summary>
    public int StoreAttempts { get; set; } = 4;

    /// <summary>The wait before the first retry; it doubles for each one after (0.2 s, 0.4 s, 0.8 s by default).</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>New funnel sessions waiting for <see cref="FunnelSessionWriter"/> at most (a few hundred bytes each);
    /// past it, a page stores its new session itself, as it would without the queue.</summary>
    public int SessionQueueCapacity { get; set; } = 50_000;

    /// <summary>See <see cref="SessionEventBudget"/>.</summary>
    public int MaxEventsPerSession { get; set; } = SessionEventBudget.DefaultMaxEventsPerSession;

    internal IEnumerable<string> Problems()
    {
        if (EventQueueCapacity < 1) yield return $"{Section}:{nameof(EventQueueCapacity)} must be at least 1.";
        if (MaxBatch < 1) yield return $"{Section}:{nameof(MaxBatch)} must be at least 1.";
        if (BatchWindow < TimeSpan.Zero) yield return $"{Section}:{nameof(BatchWindow)} cannot be negative.";
        if (StoreAttempts < 1) yield return $"{Section}:{nameof(StoreAttempts)} must be at least 1.";
        if (RetryBackoff < TimeSpan.Zero) yield return $"{Section}:{nameof(RetryBackoff)} cannot be negative.";
        if (SessionQueueCapacity < 0) yield return $"{Section}:{nameof(SessionQueueCapacity)} cannot be negative.";
        if (MaxEventsPerSession < 1) yield return $"{Section}:{nameof(MaxEventsPerSession)} must be at least 1.";
    }
}

namespace Numi.Core.Clocks;

/// <summary>Numi's one clock: the system's time plus an offset a platform admin sets outside Production, so that a
/// person can watch a renewal, a failure and its retries happen without waiting a month. Jobs, handlers and pages take
/// it from DI as <see cref="TimeProvider"/>. Timestamps (elapsed time) stay real: only the wall clock moves.
/// <para>When not <see cref="Controllable"/> (Production) the offset is always zero and cannot be set.</para></summary>
public sealed class ControllableClock(TimeProvider system, bool controllable) : TimeProvider
{
    private long _offsetTicks;

    public bool Controllable { get; } = controllable;

    /// <summary>How far Numi's time is ahead of the system's; zero unless moved.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>The system's own time, for a page that shows both.</summary>
    public DateTimeOffset SystemUtcNow => system.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => system.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => system.LocalTimeZone;

    public override long TimestampFrequency => system.TimestampFrequency;

    public override long GetTimestamp() => system.GetTimestamp();

    /// <summary>Takes the offset the store holds (this node's advance, or another node's read back). Ignored when the
    /// clock is not controllable, so a stale row can never move Production's time.</summary>
    public void UseOffset(TimeSpan offset)
    {
        if (!Controllable) return;
        Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
    }
}

namespace Numi.Core.Clocks;

/// <summary>The controllable clock's offset, shared by every web node (one row, <see cref="SingleId"/>). Platform-wide,
/// so no organization owns it.</summary>
public sealed class ClockSetting
{
    public const int SingleId = 1;
    public const int MaxChangedByLength = 256;

    public int Id { get; private set; } = SingleId;
    /// <summary>Whole seconds ahead of the system's time; never negative.</summary>
    public long OffsetSeconds { get; private set; }
    /// <summary>When it was last changed, in the system's (real) time.</summary>
    public DateTime ChangedAt { get; private set; }
    /// <summary>The platform admin who changed it last.</summary>
    public string? ChangedBy { get; private set; }

    private ClockSetting() { }

    public static ClockSetting Zero() => new();

    public TimeSpan Offset => TimeSpan.FromSeconds(OffsetSeconds);

    public void Set(TimeSpan offset, DateTime realNow, string? changedBy)
    {
        OffsetSeconds = (long)offset.TotalSeconds;
        ChangedAt = realNow;
        ChangedBy = changedBy is null ? null : changedBy.Length > MaxChangedByLength ? changedBy[..MaxChangedByLength] : changedBy;
    }
}

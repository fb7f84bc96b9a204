using Numi.Core.Common;

namespace Numi.Core.Clocks;

public enum ClockUnit { Hours, Days, Months }

/// <summary>Moving the clock forward, as a pure calculation: the clock only goes forward (jobs and timelines assume
/// time does not run back, except by a reset to the system's time), by whole hours, days or calendar months.</summary>
public static class ClockAdvance
{
    /// <summary>Ten years ahead at most: far enough for any billing scenario, short of dates no one can read.</summary>
    public static readonly TimeSpan MaxOffset = TimeSpan.FromDays(3653);

    public const int MaxAmount = 1000;

    /// <summary>The new offset once Numi's time (system time <paramref name="systemNow"/> plus
    /// <paramref name="offset"/>) moves <paramref name="amount"/> <paramref name="unit"/>. A month is a calendar month:
    /// from 31 January it lands on the last day of February, as <see cref="DateTime.AddMonths"/> does.</summary>
    public static Result<TimeSpan> By(DateTime systemNow, TimeSpan offset, int amount, ClockUnit unit)
    {
        if (amount is < 1 or > MaxAmount) return Error.Invalid("amount", $"Move the clock forward by 1 to {MaxAmount} {Name(unit)}.");
        var numiNow = systemNow + offset;
        var later = unit switch
        {
            ClockUnit.Hours => numiNow.AddHours(amount),
            ClockUnit.Days => numiNow.AddDays(amount),
            ClockUnit.Months => numiNow.AddMonths(amount),
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Not a clock unit."),
        };
        var moved = TimeSpan.FromSeconds(Math.Floor((later - systemNow).TotalSeconds));
        if (moved > MaxOffset)
            return Error.Invalid("amount", $"The clock can run at most {MaxOffset.Days:N0} days ahead of the system's time; reset it first.");
        return moved;
    }

    private static string Name(ClockUnit unit) => unit.ToString().ToLowerInvariant();
}

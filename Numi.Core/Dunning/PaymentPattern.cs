using System.Numerics;

namespace Numi.Core.Dunning;

/// <summary>One past charge of a customer: when it was made (UTC) and whether it succeeded.</summary>
public readonly record struct PastPayment(DateTime AtUtc, bool Succeeded);

/// <summary>When a customer's payments tend to succeed, learned from their last <see cref="Sample"/> payments read in
/// one time zone: the days of the month, hours and weekdays with the most successes. Each "best" is a bit set because
/// ties are real (a customer paid twice on the 1st and twice on the 15th); the scheduler takes the soonest of them.
/// A best with fewer than <see cref="MinSuccesses"/> successes is not learned (its mask is 0): one success on the 7th is
/// chance, not a payday.
/// <para>The masks: bit d (1 to 31) of <see cref="DayMask"/>, bit h (0 to 23) of <see cref="HourMask"/>, bit
/// <c>(int)DayOfWeek</c> of <see cref="WeekdayMask"/>.</para></summary>
public sealed record PaymentPattern(
    string TimeZone,
    int Payments,
    int Successes,
    int Sample,
    int SampleFailures,
    int DayMask,
    int DayCount,
    int HourMask,
    int HourCount,
    int WeekdayMask,
    int WeekdayCount)
{
    /// <summary>A year of monthly payments: recent enough to follow a changed payday, long enough to see one.</summary>
    public const int DefaultSample = 12;

    public const int MinSuccesses = 2;

    public bool HasPayday => DayMask != 0;
    public bool HasHour => HourMask != 0;
    public bool HasWeekday => WeekdayMask != 0;

    /// <summary>What a customer with no history has: nothing learned.</summary>
    public static PaymentPattern None(string timeZone) => new(timeZone, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Learns the pattern of <paramref name="history"/> read in <paramref name="zone"/>. Linear and
    /// allocation-free but for the result when the history is in time order (as a query ordered by time returns it);
    /// any other order is sorted on a copy first. Only the last <paramref name="sample"/> payments are converted to
    /// local time, so a long history costs one pass of comparisons.</summary>
    public static PaymentPattern Learn(ReadOnlySpan<PastPayment> history, TimeZoneInfo zone, int sample = DefaultSample)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfLessThan(sample, 1);
        if (!InTimeOrder(history))
        {
            var sorted = history.ToArray();
            Array.Sort(sorted, static (a, b) => a.AtUtc.CompareTo(b.AtUtc));
            history = sorted;
        }

        Span<int> days = stackalloc int[32];
        Span<int> hours = stackalloc int[24];
        Span<int> weekdays = stackalloc int[7];
        days.Clear();
        hours.Clear();
        weekdays.Clear();
        var successes = 0;
        var taken = 0;
        var failures = 0;
        for (var i = history.Length - 1; i >= 0; i--)
        {
            var payment = history[i];
            var inSample = taken < sample;
            if (inSample) taken++;
            if (!payment.Succeeded)
            {
                if (inSample) failures++;
                continue;
            }
            successes++;
            if (!inSample) continue;
            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(payment.AtUtc, DateTimeKind.Utc), zone);
            days[local.Day]++;
            hours[local.Hour]++;
            weekdays[(int)local.DayOfWeek]++;
        }

        var (dayMask, dayCount) = Best(days);
        var (hourMask, hourCount) = Best(hours);
        var (weekdayMask, weekdayCount) = Best(weekdays);
        return new PaymentPattern(zone.Id, history.Length, successes, taken, failures, dayMask, dayCount, hourMask, hourCount, weekdayMask, weekdayCount);
    }

    /// <summary>The lowest set bit of <paramref name="mask"/> at or above <paramref name="from"/>, or -1.</summary>
    public static int FirstBit(int mask, int from)
    {
        var rest = from >= 32 ? 0 : mask & (int)(uint.MaxValue << from);
        return rest == 0 ? -1 : BitOperations.TrailingZeroCount(rest);
    }

    public static int Count(int mask) => BitOperations.PopCount((uint)mask);

    /// <summary>"4 of the last 5 payments succeeded on the 15th".</summary>
    public string DescribeDay(int day) => $"{DayCount} of the last {Sample} payments succeeded on the {Ordinal(day)}";

    /// <summary>"3 of the last 5 payments succeeded between 09:00 and 10:00".</summary>
    public string DescribeHour(int hour) => $"{HourCount} of the last {Sample} payments succeeded between {hour:00}:00 and {(hour + 1) % 24:00}:00";

    /// <summary>"3 of the last 5 payments succeeded on a Friday".</summary>
    public string DescribeWeekday(DayOfWeek weekday) => $"{WeekdayCount} of the last {Sample} payments succeeded on a {weekday}";

    /// <summary>1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 23rd, 31st.</summary>
    public static string Ordinal(int day) => day + (day % 100 is 11 or 12 or 13 ? "th" : (day % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    private static bool InTimeOrder(ReadOnlySpan<PastPayment> history)
    {
        for (var i = 1; i < history.Length; i++)
            if (history[i].AtUtc < history[i - 1].AtUtc) return false;
        return true;
    }

    private static (int Mask, int Count) Best(ReadOnlySpan<int> counts)
    {
        var best = 0;
        foreach (var count in counts) best = Math.Max(best, count);
        if (best < MinSuccesses) return (0, 0);
        var mask = 0;
        for (var i = 0; i < counts.Length; i++)
            if (counts[i] == best) mask |= 1 << i;
        return (mask, best);
    }
}

using System.Text.Json;

namespace Numi.Core.Dunning;

/// <summary>When to retry a failed renewal, as a pure calculation of the decline, the customer's payment pattern and the
/// plan's settings. Every retry starts on a whole hour inside the window (read in the customer's zone, else the
/// plan's), never before the failure it answers, never after <see cref="RetrySettings.MaxDays"/> × 24 hours from the
/// first failure, and never more than <see cref="RetrySettings.MaxRetries"/> times.
/// <para><c>mi_optimized</c> picks the day in this order, taking the first that fits the limits:</para>
/// <list type="number">
/// <item>insufficient funds or a spending limit, with payday learning on: the customer's payday (the day of the month
/// most of their recent payments succeeded on), or with too little history the 1st, the 15th or the last business day;</item>
/// <item>with weekday learning on and a learned weekday: the next such weekday;</item>
/// <item>else the first day the wait allows.</item>
/// </list>
/// <para>The wait grows with each retry so that retries spread over the limit rather than bunch up: a bank's passing
/// fault (processing error, issuer unavailable) waits k hours before retry k; any other soft decline waits until the
/// k-th local day after the last failure. On the chosen day the retry takes the learned hour when time-of-day learning
/// is on and it lies in the window, else the window's first hour.</para></summary>
public static class RetryScheduler
{
    public static RetryDecision Next(RetryRequest request)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Attempt, 1, nameof(request));
        if (request.LastFailureUtc < request.FirstFailureUtc)
            throw new ArgumentException("The last failure cannot come before the first.", nameof(request));
        var settings = request.Settings;
        var decline = DeclineCodes.Classify(request.DeclineCode, request.Attempt);
        if (decline.IsHard) return new RetryDecision(RetryOutcome.NewCardNeeded, null, Sentence(decline.Explanation), decline);

        var retry = request.Attempt;
        var limit = RetrySchedules.RetryLimit(settings);
        if (retry > limit)
            return Exhausted(decline, settings, $"all {limit} retries the plan allows have been made");

        var zone = TimeZoneInfo.FindSystemTimeZoneById(request.ZoneId);
        var pattern = request.Pattern ?? PaymentPattern.None(zone.Id);
        if (pattern.Sample > 0 && pattern.TimeZone != zone.Id)
            throw new ArgumentException($"The pattern was learned in {pattern.TimeZone}, the window is in {zone.Id}: its days and hours would not match.", nameof(request));

        var search = new Search(request, zone, pattern, retry, decline.Reason);
        var found = RetrySchedules.DaysOf(settings) is { } days ? FromSchedule(search, days, limit) : Optimized(search, decline);
        if (found is not var (at, why))
            return Exhausted(decline, settings, $"no hour of the window is left before the plan's limit of {Plural(settings.MaxDays, "day")} ({LocalSlots.Describe(search.Deadline, zone)})");

        var parts = new List<string>(3) { why };
        var localHour = TimeZoneInfo.ConvertTimeFromUtc(at, zone).Hour;
        if ((search.Hours & (1 << localHour)) != 0) parts.Add(pattern.DescribeHour(localHour));
        parts.Add(decline.Explanation);
        return new RetryDecision(RetryOutcome.Retry, at, $"{LocalSlots.Describe(at, zone)}: {string.Join("; ", parts)}", decline);
    }

    /// <summary>Every decision from <paramref name="request"/> on, supposing each retry fails with the same code: the
    /// preview a plan's page shows. The last entry is never a retry.</summary>
    public static IReadOnlyList<RetryDecision> Schedule(RetryRequest request)
    {
        var decisions = new List<RetryDecision>();
        for (var next = request; ;)
        {
            var decision = Next(next);
            decisions.Add(decision);
            if (!decision.Retries) return decisions;
            next = next with { Attempt = next.Attempt + 1, LastFailureUtc = decision.AtUtc!.Value };
        }
    }

    private static (DateTime At, string Why)? FromSchedule(Search search, IReadOnlyList<int> days, int limit)
    {
        var day = days[search.Retry - 1];
        var strategy = JsonNamingPolicy.SnakeCaseLower.ConvertName(search.Request.Settings.Strategy.ToString());
        var why = $"retry {search.Retry} of {limit}, day {day} of the {strategy} schedule ({string.Join(", ", days.Take(limit))})";
        var from = LocalSlots.LocalDate(search.Request.FirstFailureUtc, search.Zone).AddDays(day);
        return search.First(from, _ => why);
    }

    private static (DateTime At, string Why)? Optimized(Search search, DeclineClass decline)
    {
        var settings = search.Request.Settings;
        var lastDate = LocalSlots.LocalDate(search.Request.LastFailureUtc, search.Zone);
        var from = decline.Reason == SoftReason.Technical ? lastDate : lastDate.AddDays(search.Retry);
        if (decline.Reason == SoftReason.Funds && settings.PaydayLearning && search.First(from, d => Paydays.Why(d, search.Pattern)) is { } payday)
            return payday;
        if (settings.WeekdayLearning && search.Pattern.HasWeekday
            && search.First(from, d => (search.Pattern.WeekdayMask & (1 << (int)d.DayOfWeek)) != 0 ? search.Pattern.DescribeWeekday(d.DayOfWeek) : null) is { } weekday)
            return weekday;
        var wait = decline.Reason == SoftReason.Technical
            ? $"retry {search.Retry} of {search.Request.Settings.MaxRetries}, {Plural(search.Retry, "hour")} after the last attempt: a passing fault often clears within hours"
            : $"retry {search.Retry} of {search.Request.Settings.MaxRetries}, {Plural(search.Retry, "day")} after the last attempt";
        return search.First(from, _ => wait);
    }

    private static RetryDecision Exhausted(DeclineClass decline, RetrySettings settings, string why) =>
        new(RetryOutcome.Exhausted, null,
            $"{Sentence(why)}; next: {JsonNamingPolicy.SnakeCaseLower.ConvertName(settings.AfterLastRetry.ToString())}", decline, settings.AfterLastRetry);

    private static string Sentence(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";

    /// <summary>One question's constants: the earliest instant (the wait), the deadline, the preferred hours.</summary>
    private sealed class Search(RetryRequest request, TimeZoneInfo zone, PaymentPattern pattern, int retry, SoftReason reason)
    {
        public RetryRequest Request { get; } = request;
        public TimeZoneInfo Zone { get; } = zone;
        public PaymentPattern Pattern { get; } = pattern;
        public int Retry { get; } = retry;
        public DateTime Deadline { get; } = request.FirstFailureUtc.AddDays(request.Settings.MaxDays);

        /// <summary>A passing fault waits k hours; the others wait by whole days (the from date), and an hour at least.</summary>
        public DateTime NotBefore { get; } = request.LastFailureUtc.AddHours(reason == SoftReason.Technical ? retry : 1);

        public int Hours { get; } = request.Settings.TimeOfDayLearning ? pattern.HourMask & WindowMask(request.Settings) : 0;

        /// <summary>The first window hour on or after <paramref name="from"/> of a day <paramref name="why"/> accepts,
        /// within the limits, with the reason for that day.</summary>
        public (DateTime At, string Why)? First(DateOnly from, Func<DateOnly, string?> why)
        {
            var last = LocalSlots.LocalDate(Deadline, Zone);
            for (var date = from; date <= last; date = date.AddDays(1))
            {
                if (why(date) is not { } reason) continue;
                if (LocalSlots.FirstInWindow(date, Zone, Request.Settings.WindowStartHour, Request.Settings.WindowEndHour, Hours, NotBefore, Deadline) is { } at)
                    return (at, reason);
            }
            return null;
        }

        private static int WindowMask(RetrySettings settings)
        {
            var mask = 0;
            for (var hour = settings.WindowStartHour; hour <= settings.WindowEndHour; hour++) mask |= 1 << hour;
            return mask;
        }
    }
}

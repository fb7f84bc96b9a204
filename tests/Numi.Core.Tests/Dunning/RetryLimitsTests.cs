using Numi.Core.Dunning;
using static Numi.Core.Tests.Dunning.Zones;

namespace Numi.Core.Tests.Dunning;

/// <summary>Day-based schedules, daylight-saving changes, and the limits no schedule may cross.</summary>
public sealed class RetryLimitsTests
{
    private static IReadOnlyList<RetryDecision> Schedule(string code, DateTime failedAt, RetrySettings settings) =>
        RetryScheduler.Schedule(new RetryRequest(code, 1, failedAt, failedAt, settings));

    private static List<DateTime> LocalTimes(IReadOnlyList<RetryDecision> schedule, TimeZoneInfo zone) =>
        [.. schedule.Where(d => d.Retries).Select(d => ToLocal(d.AtUtc!.Value, zone))];

    [Fact]
    public void A_fixed_schedule_retries_on_its_days_then_does_the_plans_last_step()
    {
        var settings = new RetrySettings(RetryStrategy.Fixed, [1, 3, 5, 7], TimeZone: "America/Chicago", AfterLastRetry: AfterLastRetry.Pause);

        var schedule = Schedule("insufficient_funds", Local(Chicago, 2027, 1, 4, 10), settings);

        Assert.Equal([new(2027, 1, 5, 9, 0, 0), new(2027, 1, 7, 9, 0, 0), new(2027, 1, 9, 9, 0, 0), new(2027, 1, 11, 9, 0, 0)], LocalTimes(schedule, Chicago));
        Assert.Equal("Thu 7 Jan 09:00 America/Chicago: retry 2 of 4, day 3 of the fixed schedule (1, 3, 5, 7); insufficient funds is a soft decline", schedule[1].Reason);
        var last = schedule[^1];
        Assert.Equal(RetryOutcome.Exhausted, last.Outcome);
        Assert.Equal(AfterLastRetry.Pause, last.Then);
        Assert.Equal("All 4 retries the plan allows have been made; next: pause", last.Reason);
    }

    [Fact]
    public void A_fixed_schedule_shorter_than_the_retry_limit_stops_at_its_last_day()
    {
        var settings = new RetrySettings(RetryStrategy.Fixed, [2, 5], TimeZone: "Europe/Berlin");

        var schedule = Schedule("generic_decline", Local(Berlin, 2027, 1, 4, 10), settings);

        Assert.Equal([new(2027, 1, 6, 9, 0, 0), new(2027, 1, 9, 9, 0, 0)], LocalTimes(schedule, Berlin));
        Assert.StartsWith("Wed 6 Jan 09:00 Europe/Berlin: retry 1 of 2, day 2 of the fixed schedule (2, 5)", schedule[0].Reason, StringComparison.Ordinal);
        Assert.Equal("All 2 retries the plan allows have been made; next: save_flow", schedule[^1].Reason);
    }

    [Fact]
    public void Aggressive_retries_on_days_1_2_3_5_keeping_09_00_across_the_spring_forward()
    {
        // Chicago moves its clocks forward on Sunday 14 March 2027: 09:00 is 15:00 UTC before and 14:00 UTC after.
        var schedule = Schedule("insufficient_funds", Local(Chicago, 2027, 3, 12, 10), new RetrySettings(RetryStrategy.Aggressive, TimeZone: "America/Chicago"));

        Assert.Equal([Utc(2027, 3, 13, 15), Utc(2027, 3, 14, 14), Utc(2027, 3, 15, 14), Utc(2027, 3, 17, 14)],
            schedule.Where(d => d.Retries).Select(d => d.AtUtc!.Value));
    }

    [Fact]
    public void Conservative_retries_on_days_3_7_and_14_when_day_14_still_fits_the_limit()
    {
        var settings = new RetrySettings(RetryStrategy.Conservative, TimeZone: "America/Chicago");

        // Failing at 10:00, the day-14 retry at 09:00 is an hour inside the 14 × 24 hours.
        Assert.Equal([new(2027, 1, 7, 9, 0, 0), new(2027, 1, 11, 9, 0, 0), new(2027, 1, 18, 9, 0, 0)],
            LocalTimes(Schedule("generic_decline", Local(Chicago, 2027, 1, 4, 10), settings), Chicago));
        // Failing at 08:00, it would be an hour past them: no day-14 retry.
        var early = Schedule("generic_decline", Local(Chicago, 2027, 1, 4, 8), settings);
        Assert.Equal([new(2027, 1, 7, 9, 0, 0), new(2027, 1, 11, 9, 0, 0)], LocalTimes(early, Chicago));
        Assert.Equal("No hour of the window is left before the plan's limit of 14 days (Mon 18 Jan 08:00 America/Chicago); next: save_flow", early[^1].Reason);
    }

    [Theory]
    [InlineData("America/Chicago", 2027, 3, 14, 8)]    // 02:00 CST does not exist: 03:00 CDT is 08:00 UTC
    [InlineData("Europe/Berlin", 2027, 3, 28, 1)]      // 02:00 CET does not exist: 03:00 CEST is 01:00 UTC
    public void A_skipped_hour_moves_to_the_next_hour_of_the_window(string zoneId, int year, int month, int day, int utcHour)
    {
        var zone = Of(zoneId);
        var settings = new RetrySettings(TimeZone: zoneId, WindowStartHour: 2, WindowEndHour: 5, PaydayLearning: false);

        var decision = RetryScheduler.Next(new RetryRequest("generic_decline", 1, Local(zone, year, month, day - 1, 10), Local(zone, year, month, day - 1, 10), settings));

        Assert.Equal(Utc(year, month, day, utcHour), decision.AtUtc);
        Assert.Equal(3, ToLocal(decision.AtUtc!.Value, zone).Hour);
    }

    [Theory]
    [InlineData("America/Chicago", 2027, 11, 7, 1, 6)]    // 01:00 happens twice: first at CDT (UTC-5), 06:00 UTC
    [InlineData("Europe/Berlin", 2027, 10, 31, 2, 0)]     // 02:00 happens twice: first at CEST (UTC+2), 00:00 UTC
    public void A_repeated_hour_is_its_first_occurrence(string zoneId, int year, int month, int day, int localHour, int utcHour)
    {
        var zone = Of(zoneId);
        var settings = new RetrySettings(TimeZone: zoneId, WindowStartHour: localHour, WindowEndHour: 5, PaydayLearning: false);
        var failed = Local(zone, year, month, day - 1, 10);

        var decision = RetryScheduler.Next(new RetryRequest("generic_decline", 1, failed, failed, settings));

        Assert.Equal(Utc(year, month, day, utcHour), decision.AtUtc);
    }

    [Fact]
    public void A_window_of_only_the_skipped_hour_has_no_slot_that_day()
    {
        var settings = new RetrySettings(TimeZone: "Europe/Berlin", WindowStartHour: 2, WindowEndHour: 2, PaydayLearning: false);
        var failed = Local(Berlin, 2027, 3, 27, 10);

        var decision = RetryScheduler.Next(new RetryRequest("generic_decline", 1, failed, failed, settings));

        Assert.Equal(Local(Berlin, 2027, 3, 29, 2), decision.AtUtc);
    }

    [Fact]
    public void A_one_day_limit_that_ends_before_the_next_window_leaves_no_retry()
    {
        var failed = Local(Berlin, 2027, 1, 4, 8);

        var decision = RetryScheduler.Next(new RetryRequest("insufficient_funds", 1, failed, failed, new RetrySettings(MaxDays: 1, TimeZone: "Europe/Berlin")));

        Assert.Equal(RetryOutcome.Exhausted, decision.Outcome);
        Assert.Equal("No hour of the window is left before the plan's limit of 1 day (Tue 5 Jan 08:00 Europe/Berlin); next: save_flow", decision.Reason);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    public void A_retry_beyond_the_limit_is_never_scheduled(int attempt)
    {
        var failed = Local(Chicago, 2027, 1, 4, 10);

        var decision = RetryScheduler.Next(new RetryRequest("insufficient_funds", attempt, failed, failed, new RetrySettings(TimeZone: "America/Chicago")));

        Assert.Equal(RetryOutcome.Exhausted, decision.Outcome);
        Assert.Equal(AfterLastRetry.SaveFlow, decision.Then);
    }

    public static TheoryData<string, RetryStrategy, string, int, int> Plans => new()
    {
        { "America/Chicago", RetryStrategy.MiOptimized, "insufficient_funds", 4, 14 },
        { "Europe/Berlin", RetryStrategy.MiOptimized, "processing_error", 8, 3 },
        { "Asia/Kolkata", RetryStrategy.MiOptimized, "generic_decline", 6, 30 },
        { "Australia/Lord_Howe", RetryStrategy.MiOptimized, "insufficient_funds", 8, 60 },
        { "America/Chicago", RetryStrategy.Aggressive, "insufficient_funds", 8, 5 },
        { "Europe/Berlin", RetryStrategy.Conservative, "card_velocity_exceeded", 8, 60 },
        { "Pacific/Chatham", RetryStrategy.Fixed, "try_again_later", 4, 14 },
    };

    /// <summary>Failures every 37 hours and 20 minutes through 2027 (every hour of the day, both daylight-saving changes,
    /// month ends, zones with half-hour offsets and a half-hour DST shift), with a learned pattern and without: every
    /// retry is a whole local hour inside the window, after the failure it answers, within the days and the count.</summary>
    [Theory, MemberData(nameof(Plans))]
    public void No_schedule_leaves_the_window_or_exceeds_the_limits(string zoneId, RetryStrategy strategy, string code, int maxRetries, int maxDays)
    {
        var zone = Of(zoneId);
        var pattern = PaymentPattern.Learn(Paid(zone, 20, (2026, 9, 30), (2026, 10, 30), (2026, 11, 30), (2026, 12, 31)), zone);
        var scheduled = 0;
        foreach (var (start, end) in new[] { (8, 17), (0, 23), (2, 2), (22, 23) })
        {
            var settings = new RetrySettings(strategy, strategy == RetryStrategy.Fixed ? [1, 2, 4, 14] : null, maxRetries, maxDays,
                WindowStartHour: start, WindowEndHour: end, TimeZone: zoneId);
            for (var failed = Utc(2027, 1, 1, 0); failed.Year == 2027; failed = failed.AddMinutes(37 * 60 + 20))
            {
                foreach (var known in new[] { pattern, null })
                {
                    var schedule = RetryScheduler.Schedule(new RetryRequest(code, 1, failed, failed, settings, known));
                    Assert.False(schedule[^1].Retries);
                    var retries = schedule.Where(d => d.Retries).Select(d => d.AtUtc!.Value).ToList();
                    Assert.InRange(retries.Count, 0, maxRetries);
                    scheduled += retries.Count;
                    var previous = failed;
                    foreach (var at in retries)
                    {
                        Assert.True(at > previous && at <= failed.AddDays(maxDays), $"{at:O} after {previous:O}, failed {failed:O}");
                        var local = ToLocal(at, zone);
                        Assert.InRange(local.Hour, start, end);
                        Assert.Equal(0, local.Minute);
                        previous = at;
                    }
                }
            }
        }
        Assert.True(scheduled > 1000, $"Only {scheduled} retries were scheduled: the limits were hardly tested.");
    }
}

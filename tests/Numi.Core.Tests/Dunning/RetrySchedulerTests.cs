using Numi.Core.Dunning;
using static Numi.Core.Tests.Dunning.Zones;

namespace Numi.Core.Tests.Dunning;

/// <summary><c>mi_optimized</c>: the learned payday, weekday and hour, the common paydays, hard declines and the wait.</summary>
public sealed class RetrySchedulerTests
{
    private static readonly RetrySettings ChicagoPlan = new(TimeZone: "America/Chicago");

    /// <summary>Four of five payments succeeded on the 15th at 09:30; the fifth failed.</summary>
    private static readonly PaymentPattern PaidOnThe15th = PaymentPattern.Learn(
        [.. Paid(Chicago, 9, (2026, 8, 15), (2026, 9, 15), (2026, 10, 15), (2026, 11, 15)), new(Local(Chicago, 2026, 12, 15, 9, 30), false)], Chicago);

    private static RetryDecision Next(string code, DateTime failedAt, RetrySettings settings, PaymentPattern? pattern = null, int attempt = 1, DateTime? firstFailure = null) =>
        RetryScheduler.Next(new RetryRequest(code, attempt, firstFailure ?? failedAt, failedAt, settings, pattern));

    [Fact]
    public void Insufficient_funds_waits_for_the_learned_payday_and_says_why()
    {
        var decision = Next("insufficient_funds", Local(Chicago, 2027, 1, 1, 10), ChicagoPlan with { TimeOfDayLearning = false }, PaidOnThe15th);

        Assert.Equal(RetryOutcome.Retry, decision.Outcome);
        Assert.Equal(Local(Chicago, 2027, 1, 15, 9), decision.AtUtc);
        Assert.Equal("Fri 15 Jan 09:00 America/Chicago: 4 of the last 5 payments succeeded on the 15th; insufficient funds is a soft decline", decision.Reason);
    }

    [Fact]
    public void The_learned_hour_is_used_inside_the_window_and_explained()
    {
        var pattern = PaymentPattern.Learn(Paid(Chicago, 11, (2026, 9, 15), (2026, 10, 15), (2026, 11, 15)), Chicago);

        var decision = Next("insufficient_funds", Local(Chicago, 2027, 1, 1, 12), ChicagoPlan, pattern);

        Assert.Equal(Local(Chicago, 2027, 1, 15, 11), decision.AtUtc);
        Assert.Equal("Fri 15 Jan 11:00 America/Chicago: 3 of the last 3 payments succeeded on the 15th; "
            + "3 of the last 3 payments succeeded between 11:00 and 12:00; insufficient funds is a soft decline", decision.Reason);
    }

    [Theory]
    [InlineData(11)]    // failed at 10:00: 14 days later 11:00 is past the limit, 09:00 is not, so the payday keeps its day
    [InlineData(21)]    // outside the 09:00 to 17:00 window
    public void A_learned_hour_past_the_limit_or_outside_the_window_gives_way_to_the_windows_first(int paidHour)
    {
        var pattern = PaymentPattern.Learn(Paid(Chicago, paidHour, (2026, 9, 15), (2026, 10, 15), (2026, 11, 15)), Chicago);

        var decision = Next("insufficient_funds", Local(Chicago, 2027, 1, 1, 10), ChicagoPlan, pattern);

        Assert.Equal(Local(Chicago, 2027, 1, 15, 9), decision.AtUtc);
        Assert.DoesNotContain($"{paidHour}:00", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 20)]    // the 20th comes first
    [InlineData(22, 1)]     // past the 20th: the 1st of next month
    public void Tied_paydays_take_the_soonest(int failedOn, int expectedDay)
    {
        var pattern = PaymentPattern.Learn(Paid(Chicago, 9, (2026, 6, 1), (2026, 7, 20), (2026, 8, 1), (2026, 9, 20)), Chicago);

        var decision = Next("insufficient_funds", Local(Chicago, 2027, 1, failedOn, 10), ChicagoPlan with { TimeOfDayLearning = false }, pattern);

        Assert.Equal(expectedDay, ToLocal(decision.AtUtc!.Value, Chicago).Day);
        Assert.Contains($"2 of the last 4 payments succeeded on the {PaymentPattern.Ordinal(expectedDay)}", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, "Fri 15 Jan 09:00 America/Chicago: the 15th is a common payday")]
    [InlineData(20, "Fri 29 Jan 09:00 America/Chicago: the last business day of the month is a common payday")]
    [InlineData(30, "Mon 1 Feb 09:00 America/Chicago: the 1st is a common payday")]
    public void With_too_little_history_the_common_paydays_are_tried(int failedOn, string expected)
    {
        var decision = Next("insufficient_funds", Local(Chicago, 2027, 1, failedOn, 10), ChicagoPlan);

        Assert.StartsWith(expected, decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2027, 2, 28)]    // common year
    [InlineData(2028, 2, 29)]    // leap year
    public void A_payday_on_the_31st_retries_on_the_last_day_of_february(int year, int month, int day)
    {
        var pattern = PaymentPattern.Learn(Paid(Berlin, 8, (2026, 7, 31), (2026, 8, 31), (2026, 10, 31)), Berlin);

        var decision = Next("insufficient_funds", Local(Berlin, year, 2, 20, 12), new RetrySettings(TimeZone: "Europe/Berlin"), pattern);

        Assert.Equal(Local(Berlin, year, month, day, 9), decision.AtUtc);
        Assert.Contains("3 of the last 3 payments succeeded on the 31st", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payday_beyond_the_limit_gives_way_to_the_learned_weekday()
    {
        // Five Fridays of varied dates, and twice the 28th: a payday 24 days away, beyond a 10-day limit.
        var pattern = PaymentPattern.Learn(Paid(Chicago, 9, (2026, 8, 28), (2026, 9, 4), (2026, 9, 11), (2026, 10, 2), (2026, 11, 27), (2026, 12, 28)), Chicago);
        Assert.Equal(1 << 28, pattern.DayMask);

        var decision = Next("insufficient_funds", Local(Chicago, 2027, 1, 4, 10), ChicagoPlan with { MaxDays = 10 }, pattern);

        Assert.Equal(Local(Chicago, 2027, 1, 8, 9), decision.AtUtc);
        Assert.StartsWith("Fri 8 Jan 09:00 America/Chicago: 5 of the last 6 payments succeeded on a Friday", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_funds_decline_ignores_the_payday()
    {
        var decision = Next("generic_decline", Local(Chicago, 2027, 1, 4, 10), ChicagoPlan with { WeekdayLearning = false }, PaidOnThe15th);

        Assert.Equal(Local(Chicago, 2027, 1, 5, 9), decision.AtUtc);
        Assert.Equal("Tue 5 Jan 09:00 America/Chicago: retry 1 of 4, 1 day after the last attempt; "
            + "4 of the last 5 payments succeeded between 09:00 and 10:00; an unexplained decline is a soft decline", decision.Reason);
    }

    [Fact]
    public void Payday_learning_off_means_no_payday()
    {
        var decision = Next("insufficient_funds", Local(Chicago, 2027, 1, 4, 10), ChicagoPlan with { PaydayLearning = false, WeekdayLearning = false }, PaidOnThe15th);

        Assert.Equal(Local(Chicago, 2027, 1, 5, 9), decision.AtUtc);
    }

    [Theory]
    [InlineData("stolen_card", "The card was reported stolen: a hard decline, the customer needs to give a new card")]
    [InlineData("lost_card", "The card was reported lost: a hard decline, the customer needs to give a new card")]
    [InlineData("expired_card", "The card has expired: a hard decline, the customer needs to give a new card")]
    [InlineData("incorrect_number", "The card number is incorrect: a hard decline, the customer needs to give a new card")]
    [InlineData("FRAUDULENT", "The bank suspects fraud: a hard decline, the customer needs to give a new card")]
    public void Hard_declines_ask_for_a_new_card(string code, string reason)
    {
        var decision = Next(code, Local(Chicago, 2027, 1, 4, 10), ChicagoPlan, PaidOnThe15th);

        Assert.Equal(RetryOutcome.NewCardNeeded, decision.Outcome);
        Assert.Null(decision.AtUtc);
        Assert.Equal(reason, decision.Reason);
    }

    [Fact]
    public void Do_not_honor_is_retried_once_then_needs_a_new_card()
    {
        var failed = Local(Chicago, 2027, 1, 4, 10);
        var schedule = RetryScheduler.Schedule(new RetryRequest("do_not_honor", 1, failed, failed, ChicagoPlan));

        Assert.Collection(schedule,
            first => Assert.Equal(RetryOutcome.Retry, first.Outcome),
            second =>
            {
                Assert.Equal(RetryOutcome.NewCardNeeded, second.Outcome);
                Assert.StartsWith("The bank answered do not honor 2 times in a row", second.Reason, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void A_charge_failing_as_a_trial_ends_inside_the_window_is_retried_the_same_afternoon()
    {
        // The trial ends at 11:20 and its first charge fails with a processing error: retries wait 1, 2, 3 hours.
        var trialEnd = Local(Chicago, 2027, 1, 15, 11, 20);

        var times = RetryScheduler.Schedule(new RetryRequest("processing_error", 1, trialEnd, trialEnd, ChicagoPlan))
            .Where(d => d.Retries).Select(d => ToLocal(d.AtUtc!.Value, Chicago)).ToList();

        Assert.Equal([new(2027, 1, 15, 13, 0, 0), new(2027, 1, 15, 15, 0, 0), new(2027, 1, 16, 9, 0, 0), new(2027, 1, 16, 13, 0, 0)], times);
    }

    [Fact]
    public void The_customers_zone_reads_the_window_in_their_local_time()
    {
        // One instant: 16:00 in Berlin, midnight in Tokyo. Each customer is retried at 09:00 of their next day.
        var failed = Utc(2027, 1, 4, 15);
        RetryDecision For(string zone) => RetryScheduler.Next(new RetryRequest("generic_decline", 1, failed, failed, ChicagoPlan, CustomerTimeZone: zone));

        Assert.Equal(Utc(2027, 1, 5, 8), For("Europe/Berlin").AtUtc);
        Assert.Equal(Utc(2027, 1, 6, 0), For("Asia/Tokyo").AtUtc);
        Assert.StartsWith("Wed 6 Jan 09:00 Asia/Tokyo:", For("Asia/Tokyo").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_customers_payday_is_learned_and_kept_in_their_zone()
    {
        // Paid at 02:00 UTC on the 15th: in Tokyo that is 11:00 on the 15th (in Chicago it would be the 14th).
        PastPayment[] history = [.. Enumerable.Range(0, 4).Select(i => new PastPayment(Utc(2026, 8 + i, 15, 2), true))];
        var failed = Utc(2027, 1, 4, 2);

        var decision = RetryScheduler.Next(new RetryRequest("insufficient_funds", 1, failed, failed, ChicagoPlan,
            PaymentPattern.Learn(history, Tokyo), CustomerTimeZone: "Asia/Tokyo"));

        Assert.Equal(Utc(2027, 1, 15, 2), decision.AtUtc);
        Assert.Equal("Fri 15 Jan 11:00 Asia/Tokyo: 4 of the last 4 payments succeeded on the 15th; "
            + "4 of the last 4 payments succeeded between 11:00 and 12:00; insufficient funds is a soft decline", decision.Reason);
    }

    [Fact]
    public void A_pattern_learned_in_another_zone_is_refused()
    {
        var failed = Local(Chicago, 2027, 1, 4, 10);
        var tokyoPattern = PaymentPattern.Learn(Paid(Tokyo, 9, (2026, 9, 15), (2026, 10, 15)), Tokyo);

        Assert.Throws<ArgumentException>(() => RetryScheduler.Next(new RetryRequest("insufficient_funds", 1, failed, failed, ChicagoPlan, tokyoPattern)));
    }
}

using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Subscriptions;

namespace Numi.Core.Tests.Subscriptions;

/// <summary>Unused time credited, remaining time charged, by the second, each line rounded half away from zero.</summary>
public sealed class ProrationTests
{
    private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static ProrationPreview Preview(long oldAmount, long newAmount, DateTime start, DateTime end, DateTime at, string currency = "usd") =>
        Proration.Preview(new PlanChange("Basic", oldAmount, currency, "Pro", newAmount, currency, start, end, at)).Value;

    [Fact]
    public void Stripes_example_half_way_from_10_to_20_dollars_costs_5()
    {
        var preview = Preview(1_000, 2_000, Utc(2027, 4, 1), Utc(2027, 5, 1), Utc(2027, 4, 16));

        Assert.Equal([-500L, 1_000L], preview.Lines.Select(l => l.Amount));
        Assert.Equal(500, preview.Total);
        Assert.Equal("Unused time on Basic after 16 Apr 2027", preview.Lines[0].Description);
        Assert.Equal("Remaining time on Pro after 16 Apr 2027", preview.Lines[1].Description);
        Assert.Equal((Utc(2027, 4, 16), Utc(2027, 5, 1)), (preview.Lines[1].From, preview.Lines[1].To));
        Assert.Equal("usd", preview.Currency);
    }

    [Theory]
    [InlineData(2027, -750, 1_500)]    // 21 of February's 28 days remain
    [InlineData(2028, -724, 1_448)]    // 21 of a leap February's 29 days: 724.14 and 1,448.28
    public void February_is_prorated_by_its_own_length(int year, long credit, long charge)
    {
        var preview = Preview(1_000, 2_000, Utc(year, 2, 1), Utc(year, 3, 1), Utc(year, 2, 8 + (year == 2028 ? 1 : 0)));

        Assert.Equal([credit, charge], preview.Lines.Select(l => l.Amount));
    }

    [Fact]
    public void A_leap_day_half_way_splits_exactly()
    {
        // 1 February to 1 March 2028 is 29 days; noon on the 15th leaves 14.5 of them.
        var preview = Preview(1_000, 2_000, Utc(2028, 2, 1), Utc(2028, 3, 1), Utc(2028, 2, 15, 12));

        Assert.Equal([-500L, 1_000L], preview.Lines.Select(l => l.Amount));
    }

    [Fact]
    public void A_period_from_the_31st_clamped_to_february_28th_is_prorated_over_its_28_days()
    {
        var anchor = Utc(2027, 1, 31, 9);
        var end = BillingPeriods.End(anchor, PriceInterval.Month, 1);

        var preview = Preview(2_800, 5_600, anchor, end, Utc(2027, 2, 14, 9));

        Assert.Equal(Utc(2027, 2, 28, 9), end);
        Assert.Equal([-1_400L, 2_800L], preview.Lines.Select(l => l.Amount));
    }

    [Fact]
    public void Each_line_rounds_to_the_nearest_minor_unit()
    {
        // Two of three days remain: 666.67 → 667 and 66.67 → 67.
        var preview = Preview(1_000, 100, Utc(2027, 1, 1), Utc(2027, 1, 4), Utc(2027, 1, 2));

        Assert.Equal([-667L, 67L], preview.Lines.Select(l => l.Amount));
        Assert.Equal(-600, preview.Total);
    }

    [Fact]
    public void Halves_round_away_from_zero_on_both_sides_so_the_same_price_nets_to_zero()
    {
        var preview = Preview(1, 1, Utc(2027, 1, 1), Utc(2027, 1, 3), Utc(2027, 1, 2));

        Assert.Equal([-1L, 1L], preview.Lines.Select(l => l.Amount));
        Assert.Equal(0, preview.Total);
    }

    [Fact]
    public void A_downgrade_is_a_credit()
    {
        var preview = Preview(3_000, 1_000, Utc(2027, 6, 1), Utc(2027, 7, 1), Utc(2027, 6, 11));

        Assert.Equal(-1_333, preview.Total);    // 20 of 30 days: -2,000 + 666.67 → 667
    }

    [Fact]
    public void A_change_at_the_start_swaps_whole_periods()
    {
        var preview = Preview(1_000, 2_500, Utc(2027, 6, 1), Utc(2027, 7, 1), Utc(2027, 6, 1));

        Assert.Equal([-1_000L, 2_500L], preview.Lines.Select(l => l.Amount));
    }

    [Fact]
    public void Fractions_of_a_second_are_dropped_as_in_unix_time()
    {
        var whole = Preview(999_999, 0, Utc(2027, 6, 1), Utc(2027, 6, 1).AddSeconds(7), Utc(2027, 6, 1).AddSeconds(3));
        var fraction = Preview(999_999, 0, Utc(2027, 6, 1), Utc(2027, 6, 1).AddSeconds(7), Utc(2027, 6, 1).AddSeconds(3).AddMilliseconds(999));

        Assert.Equal(-571_428, whole.Total);    // 4/7 of 999,999 = 571,428.0
        Assert.Equal(whole.Total, fraction.Total);
    }

    [Fact]
    public void Zero_decimal_currencies_prorate_in_whole_units()
    {
        var preview = Preview(1_000, 3_001, Utc(2027, 6, 1), Utc(2027, 7, 1), Utc(2027, 6, 16), "jpy");

        Assert.Equal([-500L, 1_501L], preview.Lines.Select(l => l.Amount));    // 1,500.5 → 1,501
    }

    [Fact]
    public void Amounts_near_the_limit_of_a_long_do_not_overflow()
    {
        var preview = Preview(long.MaxValue, long.MaxValue, Utc(2027, 1, 1), Utc(2028, 1, 1), Utc(2027, 7, 2, 12));

        Assert.Equal(long.MaxValue / 2 + 1, preview.Lines[1].Amount);    // exactly half of 365 days, rounded up
        Assert.Equal(0, preview.Total);
    }

    [Fact]
    public void A_change_of_interval_credits_the_unused_time_and_charges_a_whole_new_period()
    {
        // Monthly $10 to yearly $100 half-way through April: the year starts at the change.
        var at = Utc(2027, 4, 16);
        var change = new PlanChange("Basic monthly", 1_000, "usd", "Basic yearly", 10_000, "usd", Utc(2027, 4, 1), Utc(2027, 5, 1), at,
            NewPeriodEnd: BillingPeriods.End(at, PriceInterval.Year, 1));

        var preview = Proration.Preview(change).Value;

        Assert.Equal([-500L, 10_000L], preview.Lines.Select(l => l.Amount));
        Assert.Equal("Basic yearly from 16 Apr 2027 to 16 Apr 2028", preview.Lines[1].Description);
        Assert.Equal(Utc(2028, 4, 16), preview.Lines[1].To);
        Assert.Equal("new_period_end", Proration.Preview(change with { NewPeriodEnd = at }).FirstError.Param);
    }

    [Theory]
    [InlineData("usd", "eur", "A plan change keeps the subscription's currency: it is billed in USD, the new price is in EUR.")]
    [InlineData("usd", "xyz", "'xyz' is not a supported ISO 4217 currency code.")]
    public void The_currency_must_stay_the_same(string oldCurrency, string newCurrency, string message)
    {
        var result = Proration.Preview(new PlanChange("Basic", 1_000, oldCurrency, "Pro", 2_000, newCurrency, Utc(2027, 1, 1), Utc(2027, 2, 1), Utc(2027, 1, 10)));

        Assert.Equal(("currency", message), (result.FirstError.Param, result.FirstError.Message));
    }

    [Theory]
    [InlineData(2026, 12, 31)]    // before the period
    [InlineData(2027, 2, 1)]      // at its end: nothing remains to prorate
    [InlineData(2027, 3, 1)]
    public void A_change_outside_the_period_is_refused(int year, int month, int day)
    {
        var result = Proration.Preview(new PlanChange("Basic", 1_000, "usd", "Pro", 2_000, "USD", Utc(2027, 1, 1), Utc(2027, 2, 1), Utc(year, month, day)));

        Assert.Equal(("proration_date", ErrorCodes.ParameterInvalid), (result.FirstError.Param, result.FirstError.Code));
        Assert.Equal("The change must fall within the current period (1 Jan 2027 to 1 Feb 2027).", result.FirstError.Message);
    }

    [Fact]
    public void Negative_amounts_and_empty_periods_are_refused()
    {
        Assert.Equal("amount", Proration.Preview(new PlanChange("a", -1, "usd", "b", 1, "usd", Utc(2027, 1, 1), Utc(2027, 2, 1), Utc(2027, 1, 2))).FirstError.Param);
        Assert.Equal("period", Proration.Preview(new PlanChange("a", 1, "usd", "b", 1, "usd", Utc(2027, 1, 1), Utc(2027, 1, 1), Utc(2027, 1, 1))).FirstError.Param);
    }
}

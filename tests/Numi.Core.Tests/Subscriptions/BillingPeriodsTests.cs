using Numi.Core.Catalog;
using Numi.Core.Subscriptions;

namespace Numi.Core.Tests.Subscriptions;

/// <summary>Period ends in calendar months and years from the anchor, clamped to shorter months, in UTC.</summary>
public sealed class BillingPeriodsTests
{
    private static DateTime Utc(int year, int month, int day, int hour = 9) => new(year, month, day, hour, 30, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(2027, 2, 28, 1)]    // a common year: 31 January + 1 month is the last day of February
    [InlineData(2027, 3, 31, 2)]    // the second period ends on the 31st again: ends come from the anchor, not the previous end
    [InlineData(2027, 4, 30, 3)]
    [InlineData(2028, 1, 31, 12)]
    public void Monthly_from_january_31_clamps_to_the_end_of_shorter_months(int year, int month, int day, int cycle) =>
        Assert.Equal(Utc(year, month, day), BillingPeriods.End(Utc(2027, 1, 31), PriceInterval.Month, 1, cycle));

    [Fact]
    public void Monthly_from_january_31_of_a_leap_year_ends_on_february_29() =>
        Assert.Equal(Utc(2028, 2, 29), BillingPeriods.End(Utc(2028, 1, 31), PriceInterval.Month, 1));

    [Theory]
    [InlineData(1, 2029, 2, 28)]
    [InlineData(2, 2030, 2, 28)]
    [InlineData(4, 2032, 2, 29)]    // back on the 29th when the year has one
    public void Yearly_from_february_29_ends_on_february_28_in_common_years(int cycle, int year, int month, int day) =>
        Assert.Equal(Utc(year, month, day), BillingPeriods.End(Utc(2028, 2, 29), PriceInterval.Year, 1, cycle));

    [Theory]
    [InlineData(PriceInterval.Month, 3, 1, 2027, 2, 28)]    // quarterly from 30 November: 30 February does not exist
    [InlineData(PriceInterval.Month, 3, 2, 2027, 5, 30)]
    [InlineData(PriceInterval.Week, 2, 1, 2026, 12, 14)]
    [InlineData(PriceInterval.Day, 10, 1, 2026, 12, 10)]
    [InlineData(PriceInterval.Year, 2, 1, 2028, 11, 30)]
    public void Interval_count_multiplies_the_interval(PriceInterval interval, int count, int cycle, int year, int month, int day) =>
        Assert.Equal(Utc(year, month, day), BillingPeriods.End(Utc(2026, 11, 30), interval, count, cycle));

    [Fact]
    public void The_end_is_utc_and_keeps_the_time_of_day()
    {
        var end = BillingPeriods.End(new DateTime(2026, 11, 22, 23, 59, 59, DateTimeKind.Unspecified), PriceInterval.Month, 1);
        Assert.Equal(DateTimeKind.Utc, end.Kind);
        Assert.Equal(new DateTime(2026, 12, 22, 23, 59, 59, DateTimeKind.Utc), end);
    }

    [Fact]
    public void A_count_or_cycle_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BillingPeriods.End(Utc(2026, 1, 1), PriceInterval.Month, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BillingPeriods.End(Utc(2026, 1, 1), PriceInterval.Month, 1, 0));
    }
}

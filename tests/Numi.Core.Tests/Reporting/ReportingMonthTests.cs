using Numi.Core.Reporting;

namespace Numi.Core.Tests.Reporting;

/// <summary>"This month" starts at local midnight on the 1st in the organization's zone, whatever the UTC date.</summary>
public sealed class ReportingMonthTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void In_utc_the_month_starts_at_midnight_on_the_first()
    {
        var start = ReportingMonth.StartUtc(new DateTimeOffset(2026, 12, 2, 11, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

        Assert.Equal(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), start);
        Assert.Equal(DateTimeKind.Utc, start.Kind);
    }

    [Fact]
    public void Early_on_the_first_in_utc_is_still_last_month_in_new_york()
    {
        // 03:00 UTC on 1 December is 22:00 on 30 November in New York; November began at 00:00 EDT (04:00 UTC).
        var start = ReportingMonth.StartUtc(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero), NewYork);

        Assert.Equal(new DateTime(2026, 11, 1, 4, 0, 0, DateTimeKind.Utc), start);
    }

    [Fact]
    public void Late_on_the_last_day_in_new_york_belongs_to_that_month_in_winter_time()
    {
        // 04:59 UTC on 1 January 2027 is 23:59 on 31 December in New York (EST, UTC-5).
        var start = ReportingMonth.StartUtc(new DateTimeOffset(2027, 1, 1, 4, 59, 0, TimeSpan.Zero), NewYork);

        Assert.Equal(new DateTime(2026, 12, 1, 5, 0, 0, DateTimeKind.Utc), start);
    }

    [Fact]
    public void A_zone_east_of_utc_starts_its_month_the_evening_before_in_utc()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

        var start = ReportingMonth.StartUtc(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), tokyo);

        Assert.Equal(new DateTime(2026, 11, 30, 15, 0, 0, DateTimeKind.Utc), start);
    }

    [Fact]
    public void When_the_clocks_skip_midnight_on_the_first_the_month_starts_at_the_first_instant_that_exists()
    {
        // A zone at UTC-3 that moves to UTC-2 at 00:00 on 1 October: local 00:00-00:59 that day never happens.
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 0, 0, 0), 10, 1),
            TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 0, 0, 0), 3, 1));
        var zone = TimeZoneInfo.CreateCustomTimeZone("Skips midnight", TimeSpan.FromHours(-3), "Skips midnight", "Standard", "Summer", [rule]);

        var start = ReportingMonth.StartUtc(new DateTimeOffset(2026, 10, 15, 12, 0, 0, TimeSpan.Zero), zone);

        // 01:00 local summer time (UTC-2) on 1 October.
        Assert.Equal(new DateTime(2026, 10, 1, 3, 0, 0, DateTimeKind.Utc), start);
    }
}

using Numi.Core.Dunning;
using static Numi.Core.Tests.Dunning.Zones;

namespace Numi.Core.Tests.Dunning;

public sealed class PaydaysTests
{
    private static readonly PaymentPattern Learned31st = PaymentPattern.Learn(Paid(TimeZoneInfo.Utc, 9, (2026, 1, 31), (2026, 3, 31), (2026, 5, 31)), TimeZoneInfo.Utc);
    private static readonly PaymentPattern Nothing = PaymentPattern.None("UTC");

    [Theory]
    [InlineData(2027, 2, 28, true)]     // a common year's February ends on the 28th
    [InlineData(2028, 2, 28, false)]    // a leap year's does not
    [InlineData(2028, 2, 29, true)]
    [InlineData(2027, 4, 30, true)]
    [InlineData(2027, 4, 29, false)]
    [InlineData(2027, 5, 31, true)]
    [InlineData(2027, 5, 30, false)]
    public void A_payday_on_the_31st_falls_on_the_last_day_of_shorter_months(int year, int month, int day, bool payday)
    {
        var why = Paydays.Why(new DateOnly(year, month, day), Learned31st);

        Assert.Equal(payday, why is not null);
        if (payday) Assert.Equal("3 of the last 3 payments succeeded on the 31st", why);
    }

    [Theory]
    [InlineData(2027, 1, 29)]    // 31 January 2027 is a Sunday
    [InlineData(2027, 7, 30)]    // 31 July 2027 is a Saturday
    [InlineData(2027, 3, 31)]    // a Wednesday
    [InlineData(2028, 2, 29)]    // a Tuesday in a leap year
    public void The_last_business_day_skips_the_weekend(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), Paydays.LastBusinessDay(year, month));

    [Theory]
    [InlineData(2027, 1, 1, "the 1st is a common payday (too little history to learn theirs)")]
    [InlineData(2027, 1, 15, "the 15th is a common payday (too little history to learn theirs)")]
    [InlineData(2027, 1, 29, "the last business day of the month is a common payday (too little history to learn theirs)")]
    [InlineData(2027, 1, 31, null)]
    [InlineData(2027, 1, 14, null)]
    public void Without_history_the_common_paydays_count(int year, int month, int day, string? expected) =>
        Assert.Equal(expected, Paydays.Why(new DateOnly(year, month, day), Nothing));
}

using Numi.Core.Dunning;
using static Numi.Core.Tests.Dunning.Zones;

namespace Numi.Core.Tests.Dunning;

/// <summary>The learner: most successes by day of month, hour and weekday over the last payments, in one zone.</summary>
public sealed class PaymentPatternTests
{
    [Fact]
    public void Four_of_the_last_five_on_the_15th_is_learned_with_its_counts()
    {
        PastPayment[] history = [.. Paid(Chicago, 9, (2026, 8, 15), (2026, 9, 15), (2026, 10, 15), (2026, 11, 15)),
            new(Local(Chicago, 2026, 12, 15, 9, 30), false)];

        var pattern = PaymentPattern.Learn(history, Chicago);

        Assert.Equal(1 << 15, pattern.DayMask);
        Assert.Equal(4, pattern.DayCount);
        Assert.Equal(5, pattern.Sample);
        Assert.Equal(1, pattern.SampleFailures);
        Assert.Equal(4, pattern.Successes);
        Assert.Equal("4 of the last 5 payments succeeded on the 15th", pattern.DescribeDay(15));
        Assert.Equal(1 << 9, pattern.HourMask);
        Assert.Equal("4 of the last 5 payments succeeded between 09:00 and 10:00", pattern.DescribeHour(9));
    }

    [Fact]
    public void Only_the_last_payments_count_so_a_changed_payday_is_followed()
    {
        // Ten old successes on the 1st, then twelve on the 20th: the default sample of 12 sees only the 20th.
        var old = Enumerable.Range(0, 10).Select(i => new PastPayment(Utc(2024, 1 + i, 1, 15), true));
        var recent = Enumerable.Range(0, 12).Select(i => new PastPayment(Utc(2025, 1, 20, 15).AddMonths(i), true));

        var pattern = PaymentPattern.Learn([.. old, .. recent], TimeZoneInfo.Utc);

        Assert.Equal(1 << 20, pattern.DayMask);
        Assert.Equal(12, pattern.DayCount);
        Assert.Equal(22, pattern.Successes);
        Assert.Equal(22, pattern.Payments);
    }

    [Fact]
    public void Ties_keep_every_best_day()
    {
        var pattern = PaymentPattern.Learn(Paid(Berlin, 10, (2026, 1, 1), (2026, 2, 20), (2026, 3, 1), (2026, 4, 20), (2026, 5, 7)), Berlin);

        Assert.Equal((1 << 1) | (1 << 20), pattern.DayMask);
        Assert.Equal(2, pattern.DayCount);
    }

    [Fact]
    public void One_success_on_a_day_is_chance_not_a_payday()
    {
        var pattern = PaymentPattern.Learn(Paid(Berlin, 10, (2026, 1, 3), (2026, 2, 9), (2026, 3, 21)), Berlin);

        Assert.False(pattern.HasPayday);
        Assert.Equal(0, pattern.DayCount);
        Assert.True(pattern.HasHour);    // all three at 10:30
    }

    [Fact]
    public void Failures_fill_the_sample_but_teach_no_day()
    {
        PastPayment[] history = [.. Enumerable.Range(0, 12).Select(i => new PastPayment(Utc(2026, 1, 5, 12).AddDays(i * 30), false))];

        var pattern = PaymentPattern.Learn(history, TimeZoneInfo.Utc);

        Assert.Equal(12, pattern.Sample);
        Assert.Equal(12, pattern.SampleFailures);
        Assert.Equal(0, pattern.Successes);
        Assert.False(pattern.HasPayday || pattern.HasHour || pattern.HasWeekday);
    }

    [Fact]
    public void The_order_of_the_history_does_not_matter()
    {
        var history = Enumerable.Range(0, 40).Select(i => new PastPayment(Utc(2024, 1, 1, 8).AddDays(i * 11), i % 3 != 0)).ToArray();
        var shuffled = history.OrderBy(p => p.AtUtc.Ticks % 7).ThenByDescending(p => p.AtUtc).ToArray();

        Assert.Equal(PaymentPattern.Learn(history, Berlin), PaymentPattern.Learn(shuffled, Berlin));
    }

    [Fact]
    public void The_same_payments_fall_on_other_days_in_other_zones()
    {
        // 02:00 UTC on the 15th is the evening of the 14th in Chicago and 11:00 on the 15th in Tokyo.
        PastPayment[] history = [.. Enumerable.Range(0, 4).Select(i => new PastPayment(Utc(2026, 3 + i, 15, 2), true))];

        var chicago = PaymentPattern.Learn(history, Chicago);
        var tokyo = PaymentPattern.Learn(history, Tokyo);

        Assert.Equal(1 << 14, chicago.DayMask);
        Assert.Equal(1 << 15, tokyo.DayMask);
        Assert.Equal(1 << 11, tokyo.HourMask);
        Assert.Equal("America/Chicago", chicago.TimeZone);
    }

    [Fact]
    public void Weekdays_are_counted_in_local_time()
    {
        // Fridays 23:30 in Chicago are Saturdays in UTC.
        var pattern = PaymentPattern.Learn(Paid(Chicago, 23, (2026, 10, 2), (2026, 10, 9), (2026, 10, 16)), Chicago);

        Assert.Equal(1 << (int)DayOfWeek.Friday, pattern.WeekdayMask);
        Assert.Equal("3 of the last 3 payments succeeded on a Friday", pattern.DescribeWeekday(DayOfWeek.Friday));
    }

    [Theory]
    [InlineData(1, "1st")]
    [InlineData(2, "2nd")]
    [InlineData(3, "3rd")]
    [InlineData(4, "4th")]
    [InlineData(11, "11th")]
    [InlineData(12, "12th")]
    [InlineData(13, "13th")]
    [InlineData(21, "21st")]
    [InlineData(22, "22nd")]
    [InlineData(23, "23rd")]
    [InlineData(31, "31st")]
    public void Ordinals_read_as_english(int day, string expected) => Assert.Equal(expected, PaymentPattern.Ordinal(day));

    [Fact]
    public void No_history_learns_nothing()
    {
        var pattern = PaymentPattern.Learn([], Chicago);

        Assert.Equal(PaymentPattern.None("America/Chicago"), pattern);
    }
}

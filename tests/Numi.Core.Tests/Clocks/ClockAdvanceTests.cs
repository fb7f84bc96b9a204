using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Tests.Clocks;

public sealed class ClockAdvanceTests
{
    private static readonly DateTime SystemNow = new(2027, 1, 31, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Hours_and_days_add_to_the_offset_already_there()
    {
        Assert.Equal(TimeSpan.FromHours(3), ClockAdvance.By(SystemNow, TimeSpan.Zero, 3, ClockUnit.Hours).Value);
        Assert.Equal(TimeSpan.FromDays(9), ClockAdvance.By(SystemNow, TimeSpan.FromDays(2), 7, ClockUnit.Days).Value);
    }

    [Fact]
    public void A_month_is_a_calendar_month_of_numis_time_not_of_the_systems()
    {
        // Numi's time is 31 Jan: a month later is the last day of February (28 days), as AddMonths does.
        Assert.Equal(TimeSpan.FromDays(28), ClockAdvance.By(SystemNow, TimeSpan.Zero, 1, ClockUnit.Months).Value);
        // Numi's time is already 1 Mar (29 days ahead): a month later is 1 Apr, 31 days more.
        Assert.Equal(TimeSpan.FromDays(29 + 31), ClockAdvance.By(SystemNow, TimeSpan.FromDays(29), 1, ClockUnit.Months).Value);
    }

    [Fact]
    public void The_offset_is_whole_seconds()
    {
        var systemNow = SystemNow.AddMilliseconds(700);

        Assert.Equal(TimeSpan.FromDays(28), ClockAdvance.By(systemNow, TimeSpan.Zero, 1, ClockUnit.Months).Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(ClockAdvance.MaxAmount + 1)]
    public void An_amount_out_of_range_is_refused_by_name(int amount)
    {
        var moved = ClockAdvance.By(SystemNow, TimeSpan.Zero, amount, ClockUnit.Days);

        Assert.Equal((ErrorCodes.ParameterInvalid, "amount"), (moved.FirstError.Code, moved.FirstError.Param));
        Assert.Contains("1 to 1000 days", moved.FirstError.Message);
    }

    [Fact]
    public void The_clock_never_runs_more_than_ten_years_ahead()
    {
        var moved = ClockAdvance.By(SystemNow, ClockAdvance.MaxOffset - TimeSpan.FromDays(1), 2, ClockUnit.Days);

        Assert.False(moved.Succeeded);
        Assert.Contains("reset it first", moved.FirstError.Message);
        Assert.True(ClockAdvance.By(SystemNow, ClockAdvance.MaxOffset - TimeSpan.FromDays(1), 1, ClockUnit.Days).Succeeded);
    }
}

using Numi.Core.Clocks;

namespace Numi.Core.Tests.Clocks;

public sealed class ControllableClockTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
        public override long GetTimestamp() => 42;
    }

    private static readonly DateTimeOffset Now = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Numis_time_is_the_systems_plus_the_offset_and_timestamps_stay_real()
    {
        var clock = new ControllableClock(new FixedTime(Now), controllable: true);
        Assert.Equal(Now, clock.GetUtcNow());

        clock.UseOffset(TimeSpan.FromDays(30));

        Assert.Equal(Now.AddDays(30), clock.GetUtcNow());
        Assert.Equal(Now, clock.SystemUtcNow);
        Assert.Equal(42, clock.GetTimestamp());
        Assert.Equal(TimeSpan.FromDays(30), clock.Offset);
    }

    [Fact]
    public void A_clock_that_is_not_controllable_ignores_any_offset()
    {
        var clock = new ControllableClock(new FixedTime(Now), controllable: false);

        clock.UseOffset(TimeSpan.FromDays(30));

        Assert.Equal(Now, clock.GetUtcNow());
        Assert.Equal(TimeSpan.Zero, clock.Offset);
    }
}

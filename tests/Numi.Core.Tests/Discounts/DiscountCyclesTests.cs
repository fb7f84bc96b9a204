using Numi.Core.Discounts;

namespace Numi.Core.Tests.Discounts;

public sealed class DiscountCyclesTests
{
    [Theory]
    [InlineData(DiscountDuration.Once, null, 1, true)]
    [InlineData(DiscountDuration.Once, null, 2, false)]
    [InlineData(DiscountDuration.Repeating, 3, 1, true)]
    [InlineData(DiscountDuration.Repeating, 3, 3, true)]
    [InlineData(DiscountDuration.Repeating, 3, 4, false)]
    [InlineData(DiscountDuration.Forever, null, 1, true)]
    [InlineData(DiscountDuration.Forever, null, 240, true)]
    public void The_first_payment_is_cycle_one(DiscountDuration duration, int? cycles, int cycle, bool covered) =>
        Assert.Equal(covered, DiscountCycles.Covers(duration, cycles, cycle));

    [Fact]
    public void A_repeating_discount_without_cycles_or_a_cycle_below_one_is_a_bug()
    {
        Assert.Throws<ArgumentException>(() => DiscountCycles.Covers(DiscountDuration.Repeating, null, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DiscountCycles.Covers(DiscountDuration.Forever, null, 0));
    }
}

namespace Numi.Core.Discounts;

/// <summary>Which billing cycles a discount covers, counting the first payment (at checkout) as cycle 1, as Stripe counts
/// a repeating coupon's duration from the first invoice: once covers cycle 1, repeating N covers cycles 1 to N, forever
/// covers every cycle. Renewals ask this before pricing an invoice.</summary>
public static class DiscountCycles
{
    public static bool Covers(DiscountDuration duration, int? durationCycles, int cycle)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cycle, 1);
        return duration switch
        {
            DiscountDuration.Once => cycle == 1,
            DiscountDuration.Repeating => cycle <= (durationCycles ?? throw new ArgumentException("A repeating discount needs its number of cycles.", nameof(durationCycles))),
            DiscountDuration.Forever => true,
            _ => throw new ArgumentOutOfRangeException(nameof(duration), duration, "Not a discount duration."),
        };
    }
}

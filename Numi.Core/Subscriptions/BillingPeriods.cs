using Numi.Core.Catalog;

namespace Numi.Core.Subscriptions;

/// <summary>Where a subscription's periods end, in UTC. Months and years are calendar ones counted from the anchor (the
/// start of the first period), clamped to the end of a shorter month: a subscription started on 31 January renews on
/// 28 (or 29) February, then on 31 March, because every end is computed from the anchor and never from the previous
/// end. One started on 29 February renews on 28 February in common years. Days and weeks are 24-hour days.</summary>
public static class BillingPeriods
{
    /// <summary>The end of period number <paramref name="cycle"/> (1 for the first) of a subscription anchored at <paramref name="anchor"/>.</summary>
    public static DateTime End(DateTime anchor, PriceInterval interval, int intervalCount, int cycle = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cycle, 1);
        var steps = checked(intervalCount * cycle);
        var utc = DateTime.SpecifyKind(anchor, DateTimeKind.Utc);
        return interval switch
        {
            PriceInterval.Day => utc.AddDays(steps),
            PriceInterval.Week => utc.AddDays(checked(7 * steps)),
            PriceInterval.Month => utc.AddMonths(steps),
            PriceInterval.Year => utc.AddYears(steps),
            _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "Not a billing interval."),
        };
    }
}

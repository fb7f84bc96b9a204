using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Subscriptions;

/// <summary>A plan a subscription may change to, for the merchant's and the customer's pickers: active, another one, in
/// the subscription's currency and of its interval (the others would be refused).</summary>
public sealed record PlanChangeChoice(Guid Id, string PublicId, string Name, long UnitAmount, string Currency)
{
    public static async Task<List<PlanChangeChoice>> ForAsync(NumiDbContext db, Guid subscriptionId, CancellationToken ct)
    {
        var s = await db.Subscriptions.AsNoTracking().Where(x => x.Id == subscriptionId)
            .Select(x => new { x.PriceId, x.Currency, x.Interval, x.IntervalCount }).FirstAsync(ct);
        var plans = await db.Plans.AsNoTracking().Where(p => p.Active && p.PriceId != s.PriceId)
            .Join(db.Prices.AsNoTracking().Where(p => p.Currency == s.Currency && p.Interval == s.Interval && p.IntervalCount == s.IntervalCount),
                plan => plan.PriceId, price => price.Id, (plan, price) => new { plan.Id, plan.Name, price.UnitAmount, price.Currency })
            .ToListAsync(ct);
        return [.. plans.OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(p => new PlanChangeChoice(p.Id, Core.Common.PublicId.Format(IdPrefixes.Plan, p.Id), p.Name, p.UnitAmount ?? 0, p.Currency))];
    }

    /// <summary>"Pro ($20.00 a unit)" for a per-unit price, else the name.</summary>
    public string Label => UnitAmount > 0 ? $"{Name} ({Money.Format(UnitAmount, Currency)} a unit)" : Name;
}

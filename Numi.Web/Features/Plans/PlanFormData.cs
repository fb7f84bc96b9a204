using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Plans;

/// <summary>A recurring price a new plan can be for: "Pro · $29.00 / month".</summary>
public sealed record PriceChoice(Guid Id, string Label);

/// <summary>A stored plan as its page shows it: a plain record rather than the entity, so the prerendered page hands it
/// to the interactive render as persistent state.</summary>
public sealed record PlanDetails(Guid Id, string PublicId, string Name, string PriceLabel, bool Active, PlanSettings Settings);

/// <summary>What the plan form needs: the recurring prices a new plan can take (active, not yet a plan), and the plan
/// being edited (null for a new one, or when the id names no plan of this organization).</summary>
public sealed record PlanFormData(List<PriceChoice> Prices, PlanDetails? Plan)
{
    public static async Task<PlanFormData> ReadAsync(NumiDbContext db, string? id, CancellationToken ct)
    {
        if (id is not null)
        {
            var plan = PublicId.TryParse(IdPrefixes.Plan, id, out var key)
                ? await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == key, ct)
                : null;
            if (plan is null) return new PlanFormData([], null);
            var label = (await LabelsAsync(db, db.Prices.Where(p => p.Id == plan.PriceId), ct)).Single().Label;
            return new PlanFormData([], new PlanDetails(plan.Id, plan.PublicId, plan.Name, label, plan.Active, plan.Settings));
        }
        var free = db.Prices.Where(p => p.Type == PriceType.Recurring && p.Active && !db.Plans.Any(plan => plan.PriceId == p.Id));
        return new PlanFormData(await LabelsAsync(db, free, ct), null);
    }

    private static async Task<List<PriceChoice>> LabelsAsync(NumiDbContext db, IQueryable<Price> prices, CancellationToken ct)
    {
        var rows = await (from price in prices.AsNoTracking()
                          join product in db.Products.AsNoTracking() on price.ProductId equals product.Id
                          orderby product.Name, price.CreatedAt
                          select new { price, product.Name }).ToListAsync(ct);
        return [.. rows.Select(r => new PriceChoice(r.price.Id, $"{r.Name}{(r.price.Nickname is { } nick ? $" ({nick})" : "")} · {r.price.Summary}"))];
    }
}

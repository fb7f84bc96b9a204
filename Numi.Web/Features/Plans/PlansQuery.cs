using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Infrastructure.Persistence;
using Numi.Web.Interactive;

namespace Numi.Web.Features.Plans;

/// <summary>The plan list's data: the organization's plans with their price and product, newest first unless the grid
/// sorts; archived ones only when asked.</summary>
internal static class PlansQuery
{
    public static Task<GridData<PlanRow>> PageAsync(NumiDbContext db, bool withArchived, GridState<PlanRow> state, CancellationToken ct)
    {
        var plans = db.Plans.AsNoTracking();
        if (!withArchived) plans = plans.Where(p => p.Active);
        var rows =
            from plan in plans
            join price in db.Prices.AsNoTracking() on plan.PriceId equals price.Id
            join product in db.Products.AsNoTracking() on price.ProductId equals product.Id
            orderby plan.CreatedAt descending, plan.Id descending
            select new PlanRow
            {
                Id = plan.Id, Name = plan.Name, ProductName = product.Name, Price = price, Settings = plan.Settings,
                Active = plan.Active, CreatedAt = plan.CreatedAt,
            };
        return GridPages.ReadAsync(rows, state, ct);
    }

    public static Task<bool> AnyAsync(NumiDbContext db, CancellationToken ct) => db.Plans.AnyAsync(ct);
}

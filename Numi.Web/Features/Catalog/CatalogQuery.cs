using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Core.Common;
using Numi.Infrastructure.Persistence;
using Numi.Web.Interactive;

namespace Numi.Web.Features.Catalog;

/// <summary>The catalog grid's data: the organization's products, newest first unless the grid sorts, with the count
/// of their active prices.</summary>
internal static class CatalogQuery
{
    public static Task<GridData<CatalogRow>> PageAsync(NumiDbContext db, CatalogFilter filter, GridState<CatalogRow> state, CancellationToken ct)
    {
        var products = db.Products.AsNoTracking();
        products = filter.Status switch
        {
            CatalogStatus.Active => products.Where(p => p.Active),
            CatalogStatus.Archived => products.Where(p => !p.Active),
            _ => products,
        };
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim().ToLowerInvariant();
            products = products.Where(p => p.Name.ToLower().Contains(term) || (p.LookupKey != null && p.LookupKey.ToLower().Contains(term)));
        }
        var rows = products.NewestFirst().Select(p => new CatalogRow
        {
            Id = p.Id,
            Name = p.Name,
            LookupKey = p.LookupKey,
            Type = p.Type,
            Prices = db.Prices.Count(x => x.ProductId == p.Id && x.Active),
            Active = p.Active,
            CreatedAt = p.CreatedAt,
            ImageVersion = p.ImageVersion,
        });
        return GridPages.ReadAsync(rows, state, ct);
    }

    public static Task<bool> AnyAsync(NumiDbContext db, CancellationToken ct) => db.Products.AnyAsync(ct);
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Catalog;

/// <summary>What the product and price pages read, each inside one <see cref="Interactive.CircuitOperations"/> scope.
/// The organization's query filter keeps another organization's ids from matching.</summary>
internal static class CatalogReads
{
    /// <summary>The product, with its prices active first and then archived ones, each newest first; null when the id
    /// is not one of the organization's products.</summary>
    public static async Task<ProductSheet?> ProductSheetAsync(IServiceProvider services, string id)
    {
        var db = services.GetRequiredService<NumiDbContext>();
        var product = await ProductAsync(db, id, activeOnly: false);
        if (product is null) return null;
        var prices = await db.Prices.AsNoTracking().Where(p => p.ProductId == product.Id)
            .OrderByDescending(p => p.Active).ThenByDescending(p => p.CreatedAt).ToListAsync();
        return ProductSheet.Of(product, prices);
    }

    public static async Task<Product?> ProductAsync(NumiDbContext db, string? id, bool activeOnly) =>
        PublicId.TryParse(IdPrefixes.Product, id, out var key)
            ? await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == key && (!activeOnly || p.Active))
            : null;
}

/// <summary>What the price form needs, as plain data (read while prerendering and handed to the interactive render as
/// persistent state): the product, the price being replaced (if any), the product's active list prices (what a custom
/// price may override), the organization's default currency, and the fields to start from.</summary>
public sealed record PriceFormContext(PriceFormProduct Product, PriceChoice? Replacing, List<PriceChoice> ListPrices, string DefaultCurrency, PriceInput Start)
{
    /// <summary>A new price for an active product, or new amounts for an active price; null for anything else.</summary>
    public static async Task<PriceFormContext?> ReadAsync(IServiceProvider services, string? productId, string? priceId)
    {
        var db = services.GetRequiredService<NumiDbContext>();
        Price? replacing = null;
        Product? product;
        if (priceId is not null)
        {
            replacing = PublicId.TryParse(IdPrefixes.Price, priceId, out var priceKey)
                ? await db.Prices.AsNoTracking().FirstOrDefaultAsync(p => p.Id == priceKey && p.Active) : null;
            product = replacing is null ? null : await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == replacing.ProductId);
        }
        else product = await CatalogReads.ProductAsync(db, productId, activeOnly: true);
        if (product is null) return null;

        var listPrices = await db.Prices.AsNoTracking().Where(p => p.ProductId == product.Id && p.Scope == PriceScope.List && p.Active).ToListAsync();
        var currency = await db.Organizations.AsNoTracking().Select(o => o.DefaultCurrency).FirstAsync();
        return new PriceFormContext(new PriceFormProduct(product.Id, product.PublicId, product.Name),
            replacing is null ? null : PriceChoice.Of(replacing), [.. listPrices.Select(PriceChoice.Of)], currency,
            replacing is null ? new PriceInput { Currency = currency } : PriceInput.From(replacing));
    }
}

public sealed record PriceFormProduct(Guid Id, string PublicId, string Name);

/// <summary>A price as the price form names it: the one being replaced, or a list price to override.</summary>
public sealed record PriceChoice(Guid Id, string PublicId, string Currency, string Schedule, string Summary)
{
    public static PriceChoice Of(Price price) => new(price.Id, price.PublicId, price.Currency, price.Schedule.Describe(), price.Summary);
}

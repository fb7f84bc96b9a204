using Numi.Core.Catalog;

namespace Numi.Web.Features.Catalog;

/// <summary>What the product page shows, as plain data: read while prerendering and handed to the interactive render
/// (persistent state), so the product is not read twice.</summary>
public sealed record ProductSheet(
    Guid Id, string PublicId, string Name, string? Description, ProductType Type, string? LookupKey,
    string? GatewayProvider, string? GatewayProductId, bool Active, DateTime CreatedAt, string? ImageUrl, List<PriceLine> Prices)
{
    public static ProductSheet Of(Product product, IEnumerable<Price> prices) => new(
        product.Id, product.PublicId, product.Name, product.Description, product.Type, product.LookupKey,
        product.GatewayProvider, product.GatewayProductId, product.Active, product.CreatedAt, ProductImageEndpoints.UrlOf(product),
        [.. prices.Select(PriceLine.Of)]);
}

/// <summary>A price as the product page lists it.</summary>
public sealed record PriceLine(Guid Id, string PublicId, string Summary, string? Nickname, bool Custom, string Scheme, bool Active, bool Replaced)
{
    public static PriceLine Of(Price price) => new(
        price.Id, price.PublicId, price.Summary, price.Nickname, price.Scope == PriceScope.Custom,
        ProductLabels.Scheme(price.BillingScheme, price.TiersMode), price.Active, price.ReplacedByPriceId is not null);

    public string Status => Active ? "Active" : Replaced ? "Replaced" : "Archived";
}

using Numi.Core.Catalog;

namespace Numi.Web.Features.Catalog;

/// <summary>A product as the catalog grid lists it. Settable properties, so EF can sort and page the projection.</summary>
public sealed class CatalogRow
{
    public Guid Id { get; init; }
    public string PublicId => Core.Common.PublicId.Format(Core.Common.IdPrefixes.Product, Id);
    public string Name { get; init; } = "";
    public string? LookupKey { get; init; }
    public ProductType Type { get; init; }
    public int Prices { get; init; }
    public bool Active { get; init; }
    public DateTime CreatedAt { get; init; }
    public string? ImageVersion { get; init; }
    public string? ImageUrl => ProductImageEndpoints.UrlOf(PublicId, ImageVersion);
}

using Numi.Core.Catalog;

namespace Numi.Web.Features.Catalog;

/// <summary>The product form's fields as typed.</summary>
public sealed class ProductInput
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public ProductType Type { get; set; }
    public string? LookupKey { get; set; }
    public string? GatewayProvider { get; set; }
    public string? GatewayProductId { get; set; }
    public bool RemoveImage { get; set; }

    public ProductFields ToFields() => new(Name, Description, Type, LookupKey, GatewayProvider, GatewayProductId);

    public static ProductInput From(ProductSheet p) => new()
    {
        Name = p.Name, Description = p.Description, Type = p.Type, LookupKey = p.LookupKey,
        GatewayProvider = p.GatewayProvider, GatewayProductId = p.GatewayProductId,
    };
}

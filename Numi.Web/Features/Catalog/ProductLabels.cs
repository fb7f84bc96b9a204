using Numi.Core.Catalog;

namespace Numi.Web.Features.Catalog;

/// <summary>The words the merchant pages use for catalog enums.</summary>
public static class ProductLabels
{
    public static string Type(ProductType type) => type switch
    {
        ProductType.Subscription => "Subscription",
        ProductType.Credits => "Credits",
        _ => "Standard",
    };

    public static string Scheme(BillingScheme scheme, TiersMode? mode) => scheme switch
    {
        BillingScheme.Package => "Package",
        BillingScheme.Tiered => mode == TiersMode.Volume ? "Tiered · volume" : "Tiered · graduated",
        _ => "Per unit",
    };
}

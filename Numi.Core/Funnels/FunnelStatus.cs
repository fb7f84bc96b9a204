namespace Numi.Core.Funnels;

/// <summary>Draft funnels have never been published; published ones serve their published version; archived ones
/// serve nothing and are kept for their history and analytics.</summary>
public enum FunnelStatus { Draft, Published, Archived }

/// <summary>What a step shows the shopper. Checkout, upsell and downsell steps sell one offer; a product selection
/// lets the shopper choose among several before the checkout.</summary>
public enum FunnelStepType { Landing, ProductSelection, Checkout, Upsell, Downsell, ThankYou }

public static class FunnelStepTypes
{
    public static bool SellsOneOffer(this FunnelStepType type) =>
        type is FunnelStepType.Checkout or FunnelStepType.Upsell or FunnelStepType.Downsell;

    public static string DefaultName(this FunnelStepType type) => type switch
    {
        FunnelStepType.Landing => "Landing page",
        FunnelStepType.ProductSelection => "Choose your product",
        FunnelStepType.Checkout => "Checkout",
        FunnelStepType.Upsell => "Upsell",
        FunnelStepType.Downsell => "Downsell",
        _ => "Thank you",
    };
}

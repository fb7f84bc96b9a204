namespace Numi.Infrastructure.Stripe;

/// <summary>The metadata Numi puts on what it creates in Stripe, so a webhook (or a person in Stripe's dashboard) can tell
/// which checkout and organization a payment belongs to.</summary>
public static class StripeMetadata
{
    public const string CheckoutSession = Core.Webhooks.CheckoutOfIntent.MetadataKey;
    public const string Organization = "numi_organization";
}

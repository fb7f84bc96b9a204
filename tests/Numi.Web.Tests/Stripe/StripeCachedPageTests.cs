using Numi.Web.Tests.Checkout;

namespace Numi.Web.Tests.Stripe;

/// <summary>Connecting Stripe changes how the organization's shoppers pay: their cached pages are dropped at once.</summary>
[Collection(StripeCollection.Name)]
public sealed class StripeCachedPageTests(StripeFactory factory)
{
    [Fact]
    public async Task Connecting_Stripe_shows_Stripes_card_field_at_once_and_other_organizations_pages_stay_cached()
    {
        using var cached = await CachedCheckoutPage.OpenAsync(factory);
        using var other = await CachedCheckoutPage.OpenAsync(factory);

        var (_, publishable, _) = await factory.ConnectStripeAsync(cached.Shop.OrganizationId);

        Assert.Equal(publishable, (await cached.FreshAsync()).GetElementById("co-stripe")?.GetAttribute("data-stripe-key"));
        await other.AssertCachedAsync();
    }
}

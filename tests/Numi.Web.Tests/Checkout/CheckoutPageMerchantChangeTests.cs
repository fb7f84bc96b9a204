using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Checkout;

/// <summary>A merchant's change to what its checkout pages show (an offer, a price, a tax rate) drops that
/// organization's cached pages at once, and only that organization's.</summary>
[Collection(AppCollection.Name)]
public sealed class CheckoutPageMerchantChangeTests(NumiFactory factory)
{
    [Fact]
    public async Task An_offer_change_shows_at_once_and_other_organizations_pages_stay_cached()
    {
        using var cached = await CachedCheckoutPage.OpenAsync(factory);
        using var other = await CachedCheckoutPage.OpenAsync(factory);

        await cached.Shop.Api.PostOkAsync($"/api/v1/offers/{cached.Shop.OfferId}", """{"design":{"headline":"Winter roast is here"}}""");

        Assert.Equal("Winter roast is here", (await cached.FreshAsync()).QuerySelector("h1")?.TextContent.Trim());
        await other.AssertCachedAsync();
    }

    [Fact]
    public async Task A_replaced_price_shows_at_once()
    {
        using var cached = await CachedCheckoutPage.OpenAsync(factory);
        using var other = await CachedCheckoutPage.OpenAsync(factory);

        await cached.Shop.Api.PostOkAsync($"/api/v1/prices/{cached.Shop.OneBag}/replace", """{"billing_scheme":"per_unit","unit_amount":1700}""");

        Assert.Equal("$17.00", (await cached.FreshAsync()).TestId("total"));
        await other.AssertCachedAsync();
    }

    [Fact]
    public async Task A_new_tax_rate_shows_at_once()
    {
        using var cached = await CachedCheckoutPage.OpenAsync(factory);
        using var other = await CachedCheckoutPage.OpenAsync(factory);

        await cached.Shop.Api.PostOkAsync("/api/v1/tax_rates", """{"display_name":"VAT","country":"GB","percentage":20,"inclusive":true}""");

        Assert.Equal("Tax is calculated from your address", (await cached.FreshAsync()).TestId("tax-note"));
        await other.AssertCachedAsync();
    }
}

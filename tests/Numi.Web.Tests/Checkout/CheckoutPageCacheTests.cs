using System.Net;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Checkout.CheckoutSteps;

namespace Numi.Web.Tests.Checkout;

/// <summary>The shopper's page is served from memory between changes: never stale after the shopper's own change,
/// never with a cookie, and never for a signed-in person.</summary>
[Collection(AppCollection.Name)]
public sealed class CheckoutPageCacheTests(NumiFactory factory)
{
    [Fact]
    public async Task A_shoppers_page_is_served_from_memory_until_the_session_changes()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        using var first = await shopper.Client.GetAsync(path);
        using var second = await shopper.Client.GetAsync(path);
        Assert.False(first.Headers.Contains("Set-Cookie"), "A cached page must be the same for everyone holding the link.");
        Assert.False(first.Headers.Contains("Age"));
        Assert.True(second.Headers.Contains("Age"), "The second view should come from the cache.");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());

        using (var changed = await shopper.PostCheckoutAsync(path, new Dictionary<string, string?>
            { ["Input.Slots[0].Price"] = shop.ThreeBags, ["Input.Action"] = "update" }))
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        using var after = await shopper.Client.GetAsync(path);

        Assert.False(after.Headers.Contains("Age"), "The change must drop the cached page.");
        Assert.Equal("$63.00", Browser.Parse(await after.Content.ReadAsStringAsync()).TestId("total"));
    }

    [Fact]
    public async Task Each_query_is_cached_apart_and_an_unknown_session_is_not_cached()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);
        using (await shopper.Client.GetAsync(path)) { }

        using var declined = await shopper.Client.GetAsync(path + "?declined=1");
        using var missing = await shopper.Client.GetAsync("/checkout/cs_00000000000000000000000000000000");
        using var missingAgain = await shopper.Client.GetAsync("/checkout/cs_00000000000000000000000000000000");

        Assert.False(declined.Headers.Contains("Age"));
        Assert.Equal(HttpStatusCode.NotFound, missingAgain.StatusCode);
        Assert.False(missingAgain.Headers.Contains("Age"));
    }

    [Fact]
    public async Task A_signed_in_merchant_is_never_served_a_cached_page()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var merchant = factory.CreateBrowser();
        var owner = await merchant.SignUpAsync();
        var path = await merchant.StartCheckoutAsync(shop);

        using var first = await merchant.Client.GetAsync(path);
        using var second = await merchant.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(second.Headers.Contains("Age"), $"{owner.Email} is signed in, so the page is rendered for them.");
    }
}

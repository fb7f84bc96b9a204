using System.Net;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Checkout.CheckoutSteps;

namespace Numi.Web.Tests;

/// <summary>Every kind of page says how it may be cached: shopper, status, account and merchant pages are never kept by
/// a browser or a proxy (no-store), while the checkout page is still served from Numi's own memory; offer themes keep
/// their own long cache.</summary>
[Collection(AppCollection.Name)]
public sealed class CacheControlTests(NumiFactory factory)
{
    [Fact]
    public async Task A_shoppers_checkout_page_is_no_store_whether_rendered_or_from_the_page_cache()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);

        using var rendered = await shopper.Client.GetAsync(session);
        using var cached = await shopper.Client.GetAsync(session);

        Assert.False(rendered.Headers.Contains("Age"));
        Assert.True(cached.Headers.Contains("Age"), "The second view should still come from the server's page cache.");
        AssertNoStore(rendered);
        AssertNoStore(cached);
    }

    [Fact]
    public async Task The_thank_you_page_and_the_refused_post_page_are_no_store()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);
        await shopper.PayAsync(session);
        using var stranger = factory.CreateBrowser();

        using var thanks = await shopper.Client.GetAsync(session);
        using var refused = await stranger.Client.PostAsync(session, new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "upsell" }));

        Assert.Equal(HttpStatusCode.OK, thanks.StatusCode);
        AssertNoStore(thanks);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        AssertNoStore(refused);
    }

    [Theory]
    [InlineData("/no/such/page")]
    [InlineData("/checkout/cs_00000000000000000000000000000000")]
    public async Task A_not_found_page_is_no_store(string url)
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertNoStore(response);
    }

    [Fact]
    public async Task Account_and_merchant_pages_are_no_store()
    {
        using var browser = factory.CreateBrowser();
        using var signIn = await browser.Client.GetAsync("/account/signin");
        await browser.SignUpAsync();

        using var dashboard = await browser.Client.GetAsync("/");
        using var catalog = await browser.Client.GetAsync("/catalog");

        foreach (var page in new[] { signIn, dashboard, catalog })
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            AssertNoStore(page);
        }
    }

    [Fact]
    public async Task An_offer_theme_keeps_its_own_cache()
    {
        using var browser = factory.CreateBrowser();

        using var theme = await browser.Client.GetAsync("/offers/theme.css?brand=%23112233");

        Assert.Equal(HttpStatusCode.OK, theme.StatusCode);
        Assert.Equal("public, max-age=86400", theme.Headers.CacheControl?.ToString());
    }

    private static void AssertNoStore(HttpResponseMessage response) =>
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{response.RequestMessage?.RequestUri}: Cache-Control is '{response.Headers.CacheControl}'.");
}

using System.Net;
using AngleSharp.Html.Dom;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Checkout.CheckoutSteps;

namespace Numi.Web.Tests.Checkout;

/// <summary>A shopper's checkout page in a shop (an organization) of its own, viewed twice so the second view came from
/// the page cache: for tests of what drops it.</summary>
internal sealed record CachedCheckoutPage(CheckoutShop Shop, Browser Shopper, string Path) : IDisposable
{
    public static async Task<CachedCheckoutPage> OpenAsync(NumiFactory factory)
    {
        var shop = await CheckoutShop.CreateAsync(factory);
        var shopper = factory.CreateBrowser();
        var cached = new CachedCheckoutPage(shop, shopper, await shopper.StartCheckoutAsync(shop));
        using (await cached.ViewAsync()) { }
        await cached.AssertCachedAsync("The second view should come from the cache.");
        return cached;
    }

    public Task<HttpResponseMessage> ViewAsync() => Shopper.Client.GetAsync(Path);

    /// <summary>The page as rendered now, not from the cache.</summary>
    public async Task<IHtmlDocument> FreshAsync()
    {
        using var response = await ViewAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Age"), "The merchant's change must drop the cached page.");
        return (await PageAsync(response)).Page;
    }

    public async Task AssertCachedAsync(string because = "Another organization's change must not drop this page.")
    {
        using var response = await ViewAsync();
        Assert.True(response.Headers.Contains("Age"), because);
    }

    public void Dispose()
    {
        Shopper.Dispose();
        Shop.Dispose();
    }
}

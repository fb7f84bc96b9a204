using System.Net;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Checkout;

/// <summary>A shopper's first view of their own checkout page is never in the page cache (the cache is per session):
/// it reads only its session, the offer's part coming from memory, and that part is dropped by every change of the
/// organization the page cache drops its pages for.</summary>
public sealed class ColdCheckoutPageTests(ColdCheckoutPageFactory factory) : IClassFixture<ColdCheckoutPageFactory>
{
    [Fact]
    public async Task A_first_view_runs_one_query_and_shows_the_same_page_as_one_that_read_the_offer_from_the_database()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shoppers = new Shoppers(factory, shop, 3);
        var (a, b, c) = (await shoppers.OpenAsync(0), await shoppers.OpenAsync(1), await shoppers.OpenAsync(2));

        var (inMemory, inMemoryHtml) = await FirstViewAsync(a);
        // A change that shows on no page of a session without a code: the next page reads the offer again.
        await shop.Api.PostOkAsync("/api/v1/discount_codes", """{"code":"LATER","percent_off":10}""");
        var (fromDatabase, fromDatabaseHtml) = await FirstViewAsync(b);
        var (again, againHtml) = await FirstViewAsync(c);

        var query = Assert.Single(inMemory);
        Assert.Contains("checkout_sessions", query);
        Assert.Contains(fromDatabase, sql => sql.Contains("offers", StringComparison.Ordinal));
        Assert.Single(again);
        Assert.Equal(fromDatabaseHtml.Replace(b.Id, "ID"), inMemoryHtml.Replace(a.Id, "ID"));
        Assert.Equal(fromDatabaseHtml.Replace(b.Id, "ID"), againHtml.Replace(c.Id, "ID"));
    }

    public static TheoryData<string> Changes => ["offer", "price", "product", "tax rate", "discount code", "organization"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Each_change_the_page_cache_drops_pages_for_drops_the_offer_kept_in_memory(string change)
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var other = await CheckoutShop.CreateAsync(factory);
        using var shoppers = new Shoppers(factory, shop, 3);
        using var elsewhere = new Shoppers(factory, other, 1);
        var (a, b, c, d) = (await shoppers.OpenAsync(0), await shoppers.OpenAsync(1), await shoppers.OpenAsync(2), await elsewhere.OpenAsync(0));
        Assert.Single((await FirstViewAsync(a)).Commands);

        var shown = await ChangeAsync(shop, change);

        var (afterChange, html) = await FirstViewAsync(b);
        Assert.Contains(afterChange, sql => sql.Contains("offers", StringComparison.Ordinal));
        if (shown is not null) Assert.Contains(shown, html);
        Assert.Single((await FirstViewAsync(c)).Commands);
        Assert.True((await FirstViewAsync(d)).Commands.Count == 1, "Another organization's change must not drop this offer.");
    }

    /// <summary>Makes the change through the API; answers text the page shows because of it, if any.</summary>
    private static async Task<string?> ChangeAsync(CheckoutShop shop, string change)
    {
        switch (change)
        {
            case "offer":
                await shop.Api.PostOkAsync($"/api/v1/offers/{shop.OfferId}", """{"design":{"headline":"Winter roast is here"}}""");
                return "Winter roast is here";
            case "price":
                await shop.Api.PostOkAsync($"/api/v1/prices/{shop.Grinder}", """{"nickname":"Grinder, winter"}""");
                return null;
            case "product":
                await shop.Api.CreateProductAsync("Tea");
                return null;
            case "tax rate":
                await shop.Api.PostOkAsync("/api/v1/tax_rates", """{"display_name":"VAT","country":"GB","percentage":20,"inclusive":true}""");
                return "Tax is calculated from your address";
            case "discount code":
                await shop.Api.PostOkAsync("/api/v1/discount_codes", """{"code":"LATER","percent_off":10}""");
                return null;
            default:
                await shop.Api.PostOkAsync("/api/v1/organization", """{"name":"Renamed Roasters"}""");
                return "Renamed Roasters";
        }
    }

    private async Task<(IReadOnlyList<string> Commands, string Html)> FirstViewAsync(Shopper shopper)
    {
        var html = "";
        var commands = await factory.Commands.DuringAsync(async () =>
        {
            using var response = await shopper.Browser.Client.GetAsync(shopper.Path);
            html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Age"), "A first view is rendered, never served from the page cache.");
        });
        return (commands, html);
    }

    private sealed record Shopper(Browser Browser, string Path)
    {
        public string Id => Path[(Path.LastIndexOf('/') + 1)..];
    }

    /// <summary>Shoppers of one shop, each with a session opened from the offer's link (the first post), never viewed.</summary>
    private sealed class Shoppers(NumiFactory factory, CheckoutShop shop, int count) : IDisposable
    {
        private readonly Browser[] _browsers = [.. Enumerable.Range(0, count).Select(_ => factory.CreateBrowser())];

        public async Task<Shopper> OpenAsync(int index) => new(_browsers[index], await _browsers[index].StartCheckoutAsync(shop));

        public void Dispose()
        {
            foreach (var browser in _browsers) browser.Dispose();
        }
    }
}

using System.Net;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Pages;

[Collection(AppCollection.Name)]
public sealed class PageTenancyTests(NumiFactory factory)
{
    [Fact]
    public async Task Another_merchant_is_sent_to_not_found_for_a_product_and_its_pages()
    {
        using var alice = factory.CreateBrowser();
        var (_, aliceId) = await alice.SignUpWithIdAsync(factory);
        var product = await factory.SeedProductAsync(aliceId, "Alice Secret Blend");
        var price = await factory.SeedPriceAsync(aliceId, product.Id, "usd", 1234);
        Assert.Contains("Alice Secret Blend", (await alice.GetPageAsync($"/catalog/products/{product.PublicId}")).Text());

        using var bob = factory.CreateBrowser();
        await bob.SignUpAsync();

        await AssertSentToNotFoundAsync(bob, $"/catalog/products/{product.PublicId}", "Alice Secret Blend");
        await AssertSentToNotFoundAsync(bob, $"/catalog/products/{product.PublicId}/edit", "Alice Secret Blend");
        await AssertSentToNotFoundAsync(bob, $"/catalog/products/{product.PublicId}/prices/new", "Alice Secret Blend");
        await AssertSentToNotFoundAsync(bob, $"/catalog/prices/{price.PublicId}/replace", "Alice Secret Blend");
        Assert.DoesNotContain("Alice Secret Blend", (await bob.GetPageAsync("/catalog?status=all")).Text());
    }

    [Fact]
    public async Task Another_merchant_is_sent_to_not_found_for_an_offer_editor()
    {
        using var alice = factory.CreateBrowser();
        var (_, aliceId) = await alice.SignUpWithIdAsync(factory);
        var url = await OfferPagesTests.CreateOfferAsync(factory, aliceId, "Alice Private Offer", "alice-private");
        Assert.Contains("Alice Private Offer", (await alice.GetPageAsync(url)).Text());

        using var bob = factory.CreateBrowser();
        await bob.SignUpAsync();

        await AssertSentToNotFoundAsync(bob, url, "Alice Private Offer");
        await AssertSentToNotFoundAsync(bob, url + "?tab=design", "Alice Private Offer");
        Assert.DoesNotContain("Alice Private Offer", (await bob.GetPageAsync("/offers")).Text());
    }

    [Fact]
    public async Task A_foreign_order_or_customer_answers_404_with_the_not_found_page()
    {
        using var alice = factory.CreateBrowser();
        var (_, aliceId) = await alice.SignUpWithIdAsync(factory);
        using var api = factory.CreateApiClient(await factory.CreateApiKeyAsync(aliceId));
        var order = (await Orders.OrdersTests.BuyAsync(api, "alice-secret-buyer@example.com"))[0];
        var orderPath = $"/orders/{order.GetProperty("id").GetString()}";
        var customerPath = $"/customers/{order.GetProperty("customer").GetString()}";
        Assert.Contains("alice-secret-buyer@example.com", (await alice.GetPageAsync(orderPath)).Text());
        Assert.Contains("alice-secret-buyer@example.com", (await alice.GetPageAsync(customerPath)).Text());
        using var bob = factory.CreateBrowser();
        await bob.SignUpAsync();

        foreach (var path in new[] { orderPath, customerPath, "/orders/ord_not-an-id", "/customers/cus_00000000000000000000000000000000" })
        {
            using var status = await bob.Client.GetAsync(path);
            var body = await status.Content.ReadAsStringAsync();
            Assert.True(status.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)status.StatusCode}: {Browser.Parse(body).QuerySelector("h1")?.TextContent}");
            Assert.Contains("Page not found", Browser.Parse(body).QuerySelector("h1")?.TextContent);
            Assert.DoesNotContain("alice-secret-buyer", body);
        }
    }

    [Fact]
    public async Task A_foreign_product_answers_404_with_the_not_found_page()
    {
        using var alice = factory.CreateBrowser();
        var (_, aliceId) = await alice.SignUpWithIdAsync(factory);
        var product = await factory.SeedProductAsync(aliceId, "Alice Secret Blend");
        using var bob = factory.CreateBrowser();
        await bob.SignUpAsync();

        using var status = await bob.Client.GetAsync($"/catalog/products/{product.PublicId}");

        var body = await status.Content.ReadAsStringAsync();
        Assert.True(status.StatusCode == HttpStatusCode.NotFound, $"answered {(int)status.StatusCode}: {Browser.Parse(body).QuerySelector("h1")?.TextContent}");
        Assert.Contains("Page not found", Browser.Parse(body).QuerySelector("h1")?.TextContent);
        Assert.DoesNotContain("Alice Secret Blend", body);
    }

    /// <summary>The page answers 404, or redirects to the 404 status page, without showing the other merchant's data.</summary>
    private static async Task AssertSentToNotFoundAsync(Browser browser, string url, string secret)
    {
        using var response = await browser.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, body);
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} answered {(int)response.StatusCode}");
        Assert.Contains("Page not found", Browser.Parse(body).QuerySelector("h1")?.TextContent);
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Numi.E2E;

/// <summary>A shopper on a phone walks a published funnel (issue 14): the landing page's call to action, the checkout
/// step (the offer's checkout form in the funnel's page) paid with 4242, back to the funnel's one-click upsell, accepted, and the thank-you page listing both orders. Then the
/// merchant's analytics show that visit, its order and the landing arm the shopper was shown.</summary>
[Collection(NumiCollection.Name)]
public sealed class FunnelRuntimeTests(NumiAppFixture numi)
{
    [Fact]
    public async Task A_phone_shopper_walks_the_funnel_and_buys_with_the_upsell()
    {
        var shop = await CheckoutShop.CreateAsync(numi, withUpsell: true);
        var (path, _, _) = await PublishFunnelAsync(shop, withVariant: false);

        await using var shopper = await numi.NewContextAsync(new ViewportSize { Width = 390, Height = 844 });
        var page = await shopper.NewPageAsync();
        await page.GotoAsync(path);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Wake up to better coffee");
        await BuyWithUpsellAsync(page);
    }

    [Fact]
    public async Task The_analytics_show_the_visit_the_order_and_the_variant()
    {
        var shop = await CheckoutShop.CreateAsync(numi, withUpsell: true);
        var (path, funnelId, landingKey) = await PublishFunnelAsync(shop, withVariant: true);

        await using var shopper = await numi.NewContextAsync(new ViewportSize { Width = 390, Height = 844 });
        var page = await shopper.NewPageAsync();
        await page.GotoAsync(path);
        // Either arm may be drawn for this new visitor; the page says which one it showed.
        var arm = await page.GetByTestId("step").GetAttributeAsync("data-variant");
        Assert.False(string.IsNullOrEmpty(arm));
        await Expect(page.Locator("h1")).ToHaveTextAsync(arm == "control" ? "Wake up to better coffee" : "Better mornings start here");
        await BuyWithUpsellAsync(page);

        await using var merchant = await numi.NewContextAsync();
        var office = await merchant.NewPageAsync();
        await MerchantJourneyTests.SignInAsync(office, shop.MerchantEmail, CheckoutShop.MerchantPassword);
        // Events reach the database through the background writer (batches of at most a second): reload until they show.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await office.GotoAsync($"/funnels/{funnelId}/analytics");
            await Expect(office.GetByTestId("visitors").Or(office.GetByTestId("empty"))).ToBeVisibleAsync();
            if (await office.GetByTestId("visitors").IsVisibleAsync()) break;
            await Task.Delay(500);
        }
        await Expect(office.GetByTestId("visitors").Locator(".numi-kpi-value")).ToHaveTextAsync("1");
        await Expect(office.GetByTestId("orders").Locator(".numi-kpi-value")).ToHaveTextAsync("1");
        await Expect(office.GetByTestId("orders")).ToContainTextAsync("1 checkouts started");
        // The landing step has two arms; the one shown has the visitor, the other none.
        var rows = office.Locator($"[data-testid=steps] tr[data-step='{landingKey}']");
        await Expect(rows).ToHaveCountAsync(2);
        foreach (var row in await rows.AllAsync())
        {
            var visitors = await row.GetAttributeAsync("data-arm") == arm ? "1" : "0";
            await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync(visitors);
        }
    }

    private static async Task BuyWithUpsellAsync(IPage page)
    {
        await Expect(page.GetByTestId("progress")).ToHaveTextAsync("Step 1 of 4");
        await page.GetByTestId("cta").ClickAsync();

        // The funnel's checkout step is the offer's checkout form itself, at the step's own address.
        await Expect(page).ToHaveURLAsync(new Regex(@"/f/[^/]+/wake-[0-9a-f]+/step_[0-9a-z_]+$"));
        await Expect(page.GetByTestId("progress")).ToHaveTextAsync("Step 2 of 4");
        await Expect(page.Locator("[data-testid=step] form#checkout-form")).ToBeVisibleAsync();
        await CheckoutJourneyTests.FillDetailsAsync(page, "4242 4242 4242 4242");
        await page.GetByTestId("pay").ClickAsync();

        await Expect(page.GetByTestId("sale-offer")).ToHaveTextAsync("Add the burr grinder");
        await Expect(page.GetByTestId("cart-order")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("accept")).ToBeInViewportAsync();
        await page.GetByTestId("accept").ClickAsync();

        await Expect(page.GetByTestId("step")).ToHaveAttributeAsync("data-type", "ThankYou");
        await Expect(page.GetByTestId("cart-order")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("cart")).ToContainTextAsync("$29.00");
    }

    /// <summary>Landing → checkout of the shop's offer → upsell of its grinder add-on → thank-you, published, the landing
    /// headline A/B tested half and half when <paramref name="withVariant"/>; its path, id and landing step's key.</summary>
    private async Task<(string Path, string Id, string LandingKey)> PublishFunnelAsync(CheckoutShop shop, bool withVariant)
    {
        var api = await numi.Playwright.APIRequest.NewContextAsync(new APIRequestNewContextOptions
        {
            BaseURL = numi.BaseUrl.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + shop.ApiSecret },
        });
        await using (api)
        {
            var offers = await JsonAsync(await api.GetAsync("/api/v1/offers?limit=100"));
            string OfferId(string slugStart) => offers.GetProperty("data").EnumerateArray()
                .First(o => o.GetProperty("slug").GetString()!.StartsWith(slugStart, StringComparison.Ordinal)).GetProperty("id").GetString()!;
            var slug = "wake-" + Guid.NewGuid().ToString("N")[..8];
            var funnel = await PostAsync(api, "/api/v1/funnels", new { name = "Wake up", slug });
            var id = funnel.GetProperty("id").GetString()!;
            foreach (var type in new[] { "landing", "checkout", "upsell", "thank_you" })
                funnel = await PostAsync(api, $"/api/v1/funnels/{id}/steps", new { revision = Revision(funnel), type });
            var keys = funnel.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("key").GetString()!).ToList();
            funnel = await PostAsync(api, $"/api/v1/funnels/{id}/steps/{keys[0]}", new
            {
                revision = Revision(funnel),
                blocks = new object[] { new { type = "headline", text = "Wake up to better coffee" }, new { type = "call_to_action", label = "Get my coffee" } },
            });
            funnel = await PostAsync(api, $"/api/v1/funnels/{id}/steps/{keys[1]}", new { revision = Revision(funnel), offer = OfferId("coffee-") });
            funnel = await PostAsync(api, $"/api/v1/funnels/{id}/steps/{keys[2]}", new { revision = Revision(funnel), offer = OfferId("grinder-") });
            if (withVariant)
            {
                funnel = await PostAsync(api, $"/api/v1/funnels/{id}/steps/{keys[0]}", new { revision = Revision(funnel), control_weight = 50 });
                funnel = await PostAsync(api, $"/api/v1/funnels/{id}/steps/{keys[0]}/variants", new
                {
                    revision = Revision(funnel), name = "B", weight = 50,
                    blocks = new object[] { new { type = "headline", text = "Better mornings start here" }, new { type = "call_to_action", label = "Get my coffee" } },
                });
            }
            await PostAsync(api, $"/api/v1/funnels/{id}/publish", new { revision = Revision(funnel) });
            return ($"/f/{shop.OrganizationSlug}/{slug}", id, keys[0]);
        }
    }

    private static int Revision(JsonElement funnel) => funnel.GetProperty("revision").GetInt32();

    private static async Task<JsonElement> PostAsync(IAPIRequestContext api, string url, object body) =>
        await JsonAsync(await api.PostAsync(url, new APIRequestContextOptions { DataObject = body }));

    private static async Task<JsonElement> JsonAsync(IAPIResponse response)
    {
        var text = await response.TextAsync();
        Assert.True(response.Status == 200, $"{response.Url}: {response.Status} {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }
}

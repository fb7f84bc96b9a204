using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Numi.E2E;

/// <summary>A shopper on a phone walks a published funnel (issue 14): the landing page's call to action, Numi's checkout
/// paid with 4242, back to the funnel's one-click upsell, accepted, and the thank-you page listing both orders.</summary>
[Collection(NumiCollection.Name)]
public sealed class FunnelRuntimeTests(NumiAppFixture numi)
{
    [Fact]
    public async Task A_phone_shopper_walks_the_funnel_and_buys_with_the_upsell()
    {
        var shop = await CheckoutShop.CreateAsync(numi, withUpsell: true);
        var path = await PublishFunnelAsync(shop);

        await using var shopper = await numi.NewContextAsync(new ViewportSize { Width = 390, Height = 844 });
        var page = await shopper.NewPageAsync();
        await page.GotoAsync(path);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Wake up to better coffee");
        await Expect(page.GetByTestId("progress")).ToHaveTextAsync("Step 1 of 4");
        await page.GetByTestId("cta").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/checkout/cs_[0-9a-f]+$"));
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

    /// <summary>Landing → checkout of the shop's offer → upsell of its grinder add-on → thank-you, published; returns its path.</summary>
    private async Task<string> PublishFunnelAsync(CheckoutShop shop)
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
            await PostAsync(api, $"/api/v1/funnels/{id}/publish", new { revision = Revision(funnel) });
            return $"/f/{shop.OrganizationSlug}/{slug}";
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

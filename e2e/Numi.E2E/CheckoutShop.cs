using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Numi.E2E;

/// <summary>
/// A merchant of its own for the checkout journeys: signed up in a browser of its own, a test API key created on the
/// API keys page, and through the REST API a published offer whose required coffee slot offers 1 bag ($24.00) or
/// 3 bags ($63.00) and whose grinder is an order bump ($29.00). The shopper then uses a fresh, signed-out context.
/// </summary>
internal sealed record CheckoutShop(string OrganizationSlug, string OfferSlug, string MerchantEmail, string ApiSecret)
{
    public const string MerchantPassword = "roaster-pass-2024";
    public const string Headline = "Fresh coffee, roasted this week";

    public string Link => $"/c/{OrganizationSlug}/{OfferSlug}";

    /// <param name="withUpsell">Also publish a "Grinder add-on" offer ($29.00) and make it the one-click upsell.</param>
    public static async Task<CheckoutShop> CreateAsync(NumiAppFixture numi, bool withUpsell = false)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var organizationSlug = $"roaster-{unique}";
        string secret;
        await using (var merchant = await numi.NewContextAsync())
            secret = await SignUpWithTestKeyAsync(await merchant.NewPageAsync(), unique, organizationSlug);

        var api = await numi.Playwright.APIRequest.NewContextAsync(new APIRequestNewContextOptions
        {
            BaseURL = numi.BaseUrl.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + secret },
        });
        await using (api)
        {
            var beans = await IdAsync(api, "/api/v1/products", new { name = "House Blend Beans" });
            var oneBag = await IdAsync(api, "/api/v1/prices", PerUnit(beans, 2400));
            var threeBags = await IdAsync(api, "/api/v1/prices", PerUnit(beans, 6300));
            var grinder = await IdAsync(api, "/api/v1/prices", PerUnit(await IdAsync(api, "/api/v1/products", new { name = "Burr Grinder" }), 2900));
            var offerSlug = $"coffee-{unique}";
            var offer = await IdAsync(api, "/api/v1/offers", new
            {
                name = "Coffee Club",
                slug = offerSlug,
                currency = "usd",
                status = "published",
                design = new { headline = Headline },
                slots = new object[]
                {
                    new
                    {
                        key = "coffee", name = "Coffee", price = oneBag, required = true, quantity = 1, max_quantity = 5,
                        options = new[] { new { price = oneBag, label = "1 bag" }, new { price = threeBags, label = "3 bags" } },
                    },
                    new { key = "grinder", name = "Grinder", price = grinder, required = false },
                },
            });
            if (withUpsell)
            {
                var upsell = await IdAsync(api, "/api/v1/offers", new
                {
                    name = "Grinder add-on", slug = $"grinder-{unique}", currency = "usd", status = "published",
                    design = new { headline = "Add the burr grinder" },
                    slots = new[] { new { key = "grinder", name = "Grinder", price = grinder, required = true } },
                });
                await IdAsync(api, $"/api/v1/offers/{offer}", new { upsell_offer = upsell });
            }
            return new CheckoutShop(organizationSlug, offerSlug, $"roaster-{unique}@example.com", secret);
        }
    }

    /// <summary>Signs a merchant up on <paramref name="page"/> (organization "Roaster …", USD, UTC) and creates a test
    /// API key on the API keys page; the secret key. The page stays signed in.</summary>
    internal static async Task<string> SignUpWithTestKeyAsync(IPage page, string unique, string organizationSlug)
    {
        await page.GotoAsync("/account/signup");
        await page.FillAsync("#org-name", $"Roaster {unique}");
        await page.FillAsync("#org-slug", organizationSlug);
        await page.SelectOptionAsync("#org-currency", "usd");
        await page.SelectOptionAsync("#org-timezone", "UTC");
        await page.FillAsync("#display-name", "Rae Roaster");
        await page.FillAsync("#email", $"roaster-{unique}@example.com");
        await page.FillAsync("#password", MerchantPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?welcome=true$"));

        await page.GotoAsync("/settings/api-keys");
        await InteractiveJourneyTests.RendererAsync(page);
        await page.Locator("[data-testid=create-key] input").First.FillAsync("Checkout journeys");
        await page.GetByText("Test (sk_test_)").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Expect(page.GetByTestId("new-secret")).ToBeVisibleAsync();
        var secret = (await page.GetByTestId("new-secret-value").InnerTextAsync()).Trim();
        Assert.StartsWith("sk_test_", secret);
        return secret;
    }

    internal static object PerUnit(string product, long unitAmount) =>
        new { product, currency = "usd", type = "one_time", billing_scheme = "per_unit", unit_amount = unitAmount };

    internal static async Task<string> IdAsync(IAPIRequestContext api, string url, object body)
    {
        var response = await api.PostAsync(url, new APIRequestContextOptions { DataObject = body });
        var text = await response.TextAsync();
        Assert.True(response.Status == 200, $"POST {url}: {response.Status} {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("id").GetString()!;
    }
}

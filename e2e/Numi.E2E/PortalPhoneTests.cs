using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Numi.E2E;

/// <summary>
/// The customer portal on a 390 × 844 touch phone: the customer of 21 subscriptions signs in by the emailed link and
/// sees the merchant's brand (the colours and logo of its last published offer, its name); no page scrolls sideways;
/// the lists fit the screen in a readable size, are paged 20 at a time by tapping Older and by the keyboard back to
/// Newer; an order opens by tapping; and a subscription is paused by tapping.
/// </summary>
[Collection(NumiCollection.Name)]
public sealed class PortalPhoneTests(NumiAppFixture numi)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private const string BrandRgb = "rgb(15, 118, 110)"; // #0f766e
    private const string AccentRgb = "rgb(180, 83, 9)"; // #b45309

    [Fact]
    public async Task A_customer_on_a_phone_signs_in_sees_the_brand_pages_the_lists_and_pauses_by_tapping()
    {
        var shop = await CheckoutShop.CreateAsync(numi);
        var email = $"phone-{Guid.NewGuid().ToString("N")[..12]}@example.com";
        await SubscribeAsync(shop, email, times: 21);

        await using var context = await numi.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = numi.BaseUrl.ToString(), ViewportSize = Phone, IsMobile = true, HasTouch = true, Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        var home = $"/portal/{shop.OrganizationSlug}";
        await page.GotoAsync(home);
        await ExpectFitsAsync(page);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByTestId("send-link").TapAsync();
        await Expect(page.GetByTestId("link-sent")).ToBeVisibleAsync();
        await page.GotoAsync(await BillingJourneyTests.SignInLinkAsync(numi, email));
        await Expect(page).ToHaveURLAsync(new Regex($"{home}/orders$"));

        // The merchant's brand: its name, its offer's logo and colours.
        var bar = page.Locator("header.co-bar");
        await Expect(bar).ToHaveTextAsync("Roaster " + shop.OrganizationSlug["roaster-".Length..]);
        await Expect(bar).ToHaveCSSAsync("background-color", BrandRgb);
        Assert.True(await bar.Locator("img[src='/favicon.svg']").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "The logo did not load.");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Your account" }).GetByRole(AriaRole.Link, new() { Name = "Orders" }))
            .ToHaveCSSAsync("color", AccentRgb);

        // Orders: 20 on the first page, the oldest alone on the second, reached by tapping Older.
        var orders = page.GetByTestId("order");
        await Expect(orders).ToHaveCountAsync(20);
        await Expect(orders.First).ToContainTextAsync("#1021");
        await Expect(page.GetByTestId("page-indicator")).ToHaveTextAsync("Page 1 of 2");
        await ExpectFitsAsync(page);
        await ExpectReadableAsync(orders);
        await ShotAsync(page, "orders");
        await ExpectTappableAsync(page.GetByTestId("pager").GetByRole(AriaRole.Link));
        await ExpectTappableAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Your account" }).GetByRole(AriaRole.Link));
        await page.GetByRole(AriaRole.Link, new() { Name = "Older orders, page 2 of 2" }).TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"{home}/orders\\?page=2$"));
        await Expect(orders).ToHaveCountAsync(1);
        await Expect(orders.First).ToContainTextAsync("#1001");
        await Expect(page.GetByTestId("page-indicator")).ToHaveTextAsync("Page 2 of 2");
        await ExpectFitsAsync(page);

        // Back by the keyboard alone: Tab to Newer, Enter.
        await TabToAsync(page, "Newer orders, page 1 of 2");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"{home}/orders$"));
        await Expect(orders).ToHaveCountAsync(20);

        // An order's page, tapped from the list, fits too.
        await orders.First.GetByRole(AriaRole.Link, new() { Name = "#1021" }).TapAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Order #1021" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Paid");
        await ExpectFitsAsync(page);

        // Subscriptions, newest first: the newest is paused by tapping, on its own confirmation page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Subscriptions", Exact = true }).TapAsync();
        var subscriptions = page.GetByTestId("subscription");
        await Expect(subscriptions).ToHaveCountAsync(20);
        await Expect(page.GetByTestId("page-indicator")).ToHaveTextAsync("Page 1 of 2");
        await ExpectFitsAsync(page);
        await ExpectReadableAsync(subscriptions);
        await ShotAsync(page, "subscriptions");
        var newest = await subscriptions.First.GetAttributeAsync("data-id");
        await ExpectTappableAsync(subscriptions.First.Locator(".pt-actions a"));
        await subscriptions.First.GetByTestId("pause").TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"{home}/subscriptions/{newest}/pause$"));
        await ExpectFitsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause my subscription" }).TapAsync();
        await Expect(page.GetByTestId("done")).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-testid=subscription][data-id='{newest}'] [data-testid=status]")).ToHaveTextAsync("Paused");
        await Expect(page.GetByTestId("status").Filter(new() { HasText = "Paused" })).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Link, new() { Name = "Older subscriptions, page 2 of 2" }).TapAsync();
        await Expect(subscriptions).ToHaveCountAsync(1);
        await Expect(subscriptions.GetByTestId("status")).ToHaveTextAsync("Active");

        // Invoices: none yet, said so, still in the screen's width.
        await page.GetByRole(AriaRole.Link, new() { Name = "Invoices", Exact = true }).TapAsync();
        await Expect(page.GetByTestId("no-invoices")).ToBeVisibleAsync();
        await ExpectFitsAsync(page);
        await ShotAsync(page, "invoices");
    }

    /// <summary>A published monthly offer in the brand (#0f766e, accent #b45309, the site's icon as the logo), published
    /// after the shop's other offer so the portal wears it, bought <paramref name="times"/> times by one customer.</summary>
    private async Task SubscribeAsync(CheckoutShop shop, string email, int times)
    {
        await using var api = await numi.Playwright.APIRequest.NewContextAsync(new APIRequestNewContextOptions
        {
            BaseURL = numi.BaseUrl.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + shop.ApiSecret },
        });
        var product = await CheckoutShop.IdAsync(api, "/api/v1/products", new { name = "Coffee Club" });
        var monthly = await CheckoutShop.IdAsync(api, "/api/v1/prices", new
        {
            product, currency = "usd", type = "recurring", billing_scheme = "per_unit", unit_amount = 2200,
            recurring = new { interval = "month", interval_count = 1 },
        });
        var offer = await CheckoutShop.IdAsync(api, "/api/v1/offers", new
        {
            name = "Coffee Club monthly", slug = "club-" + shop.OfferSlug, currency = "usd", status = "published",
            design = new { brand_color = "#0f766e", accent_color = "#b45309", logo_url = "/favicon.svg" },
            slots = new[] { new { key = "club", name = "Coffee Club", price = monthly, required = true } },
        });
        for (var i = 0; i < times; i++)
        {
            var session = await CheckoutShop.IdAsync(api, "/api/v1/checkout/sessions", new
            {
                offer, customer_email = email, selection = new Dictionary<string, object> { ["club"] = new { price = monthly, quantity = 1 } },
            });
            await CheckoutShop.IdAsync(api, $"/api/v1/checkout/sessions/{session}/confirm", new { payment_method = "pm_card_visa" });
            await Task.Delay(100); // the key's 25 requests a second
        }
    }

    /// <summary>For a person to look at: TestResults/portal-phone-{name}.png, the whole page.</summary>
    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(NumiAppFixture.ResultsDirectory, $"portal-phone-{name}.png"), FullPage = true });

    /// <summary>Nothing sticks out sideways: the page is no wider than the phone's screen.</summary>
    private static async Task ExpectFitsAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        var (scroll, inner) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
        Assert.True(scroll <= inner, $"{page.Url} scrolls sideways on a {Phone.Width} px phone: scrollWidth {scroll} > innerWidth {inner}.");
    }

    /// <summary>Every row of a list lies inside the screen, its text at least 14 px.</summary>
    private static async Task ExpectReadableAsync(ILocator rows)
    {
        foreach (var row in await rows.AllAsync())
        {
            var box = (await row.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= Phone.Width, $"A row lies outside the screen: x {box.X}, width {box.Width}.");
            var size = await row.EvaluateAsync<double>("r => parseFloat(getComputedStyle(r).fontSize)");
            Assert.True(size >= 14, $"A row's text is {size} px.");
        }
    }

    /// <summary>Each link is a thumb's size: at least 44 px tall, inside the screen.</summary>
    private static async Task ExpectTappableAsync(ILocator links)
    {
        var all = await links.AllAsync();
        Assert.NotEmpty(all);
        foreach (var link in all)
        {
            var box = (await link.BoundingBoxAsync())!;
            Assert.True(box.Height >= 44 && box.X >= 0 && box.X + box.Width <= Phone.Width,
                $"\"{await link.InnerTextAsync()}\" is {box.Width} × {box.Height} px at x {box.X}.");
        }
    }

    /// <summary>Presses Tab until the link named <paramref name="name"/> has the focus (at most 40 presses).</summary>
    private static async Task TabToAsync(IPage page, string name)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('aria-label')") == name) return;
        }
        Assert.Fail($"Tab never reached the link \"{name}\".");
    }
}

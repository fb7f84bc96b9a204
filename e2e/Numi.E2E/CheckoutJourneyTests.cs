using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Numi.E2E;

/// <summary>
/// A shopper on the hosted checkout page, in a real browser against the real app, never signed in: pays with the
/// 4242 test card and sees the thank-you page with an order number; is declined with 0002 in plain language and then
/// pays with 4242; ticks the order bump and picks another option and sees the total change live (htmx, no submit);
/// applies a coupon and sees the total drop live; and does it all on a 375 px phone without sideways scrolling.
/// </summary>
[Collection(NumiCollection.Name)]
public sealed class CheckoutJourneyTests(NumiAppFixture numi, ITestOutputHelper output)
{
    private const int PhoneWidth = 375;
    private static readonly Regex SessionUrl = new(@"/checkout/cs_[0-9a-f]{32}$");

    [Fact]
    public async Task Shopper_buys_with_4242_and_sees_the_thank_you_with_an_order_number()
    {
        var clock = Stopwatch.StartNew();
        var shop = await CheckoutShop.CreateAsync(numi);
        await using var shopper = await OpenCheckoutAsync(shop);
        var (page, problems) = (shopper.Page, shopper.Problems);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = CheckoutShop.Headline, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("$24.00");

        await FillDetailsAsync(page, "4242 4242 4242 4242");
        var payClicked = Stopwatch.StartNew();
        await page.GetByTestId("pay").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you!" })).ToBeVisibleAsync();
        output.WriteLine($"Pay → thank-you in the browser: {payClicked.ElapsedMilliseconds} ms");
        await Expect(page.GetByTestId("order-number")).ToHaveTextAsync("#1001");
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("$24.00");
        // Pay on the offer's page opened the session, paid it and went to its page.
        await Expect(page).ToHaveURLAsync(SessionUrl);
        await Expect(page.Locator("#checkout-form")).ToHaveCountAsync(0);

        // The session's link still shows the thank-you page, not a new payment form.
        await page.ReloadAsync();
        await Expect(page.GetByTestId("order-number")).ToHaveTextAsync("#1001");
        problems.AssertNone();
        output.WriteLine($"4242 checkout journey: {clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
    }

    [Fact]
    public async Task Declined_0002_card_shows_the_error_then_4242_succeeds()
    {
        var shop = await CheckoutShop.CreateAsync(numi);
        await using var shopper = await OpenCheckoutAsync(shop);
        var (page, problems) = (shopper.Page, shopper.Problems);

        await FillDetailsAsync(page, "4000 0000 0000 0002");
        await page.GetByTestId("pay").ClickAsync();

        var error = page.GetByTestId("pay-error");
        await Expect(error).ToHaveTextAsync("Your card was declined. Try another card or contact your bank.");
        await Expect(error).ToHaveAttributeAsync("role", "alert");
        await Expect(page.GetByTestId("order-number")).ToHaveCountAsync(0);
        // Still the open session's form: the email is kept, the card fields are empty (never sent back). The Pay posted
        // to the offer's link (no JavaScript involved), which answered the new session's page: its form posts there now.
        await Expect(page.Locator("#checkout-form")).ToHaveAttributeAsync("action", new Regex(@"^/checkout/cs_[0-9a-f]{32}$"));
        await Expect(page.Locator("#co-email")).ToHaveValueAsync("shopper@example.com");
        await Expect(page.Locator("#co-card")).ToHaveValueAsync("");
        await Expect(page.Locator("#co-cvc")).ToHaveValueAsync("");
        Assert.DoesNotContain("4000 0000 0000 0002", await page.ContentAsync(), StringComparison.Ordinal);

        // Another card.
        await page.FillAsync("#co-card", "4242 4242 4242 4242");
        await page.FillAsync("#co-exp", "12/30");
        await page.FillAsync("#co-cvc", "123");
        await page.GetByTestId("pay").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you!" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("order-number")).ToHaveTextAsync("#1001");
        await Expect(page.GetByTestId("pay-error")).ToHaveCountAsync(0);
        problems.AssertNone();
    }

    [Fact]
    public async Task Ticking_the_order_bump_and_picking_three_bags_update_the_total_live_before_paying()
    {
        var shop = await CheckoutShop.CreateAsync(numi);
        await using var shopper = await OpenCheckoutAsync(shop);
        var (page, problems) = (shopper.Page, shopper.Problems);
        var total = page.GetByTestId("total");
        await Expect(total).ToHaveTextAsync("$24.00");

        // Count full page loads from here on: the summary must change without one.
        var loads = 0;
        page.Load += (_, _) => Interlocked.Increment(ref loads);
        // Something typed before the change must survive it (only the summary is swapped).
        await page.FillAsync("#co-email", "shopper@example.com");

        var updates = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Headers.ContainsKey("hx-request")) Interlocked.Increment(ref updates);
        };
        await page.GetByTestId("bump-grinder").CheckAsync();
        await Expect(total).ToHaveTextAsync("$53.00");
        await Expect(page.GetByTestId("summary")).ToContainTextAsync("Grinder");

        await page.GetByRole(AriaRole.Radio, new() { Name = "3 bags" }).CheckAsync();
        await Expect(total).ToHaveTextAsync("$92.00");

        await page.GetByTestId("bump-grinder").UncheckAsync();
        await Expect(total).ToHaveTextAsync("$63.00");
        await Expect(page.GetByTestId("summary")).Not.ToContainTextAsync("Grinder");
        await page.GetByTestId("bump-grinder").CheckAsync();
        await Expect(total).ToHaveTextAsync("$92.00");

        Assert.Equal(0, Volatile.Read(ref loads));
        Assert.True(Volatile.Read(ref updates) >= 4, $"Expected an htmx request per change, saw {updates}.");
        await Expect(page.Locator("#co-email")).ToHaveValueAsync("shopper@example.com");
        await Expect(page).ToHaveURLAsync(SessionUrl);

        // The server kept the choice: paying charges the updated total.
        await FillDetailsAsync(page, "4242 4242 4242 4242");
        await page.GetByTestId("pay").ClickAsync();
        await Expect(page.GetByTestId("order-number")).ToHaveTextAsync("#1001");
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("$92.00");
        await Expect(page.GetByTestId("summary")).ToContainTextAsync("Grinder");
        problems.AssertNone();
    }

    /// <summary>The offer's link opens no session until the shopper acts: a quantity that is not a whole number is refused
    /// in place (a 400 whose message htmx puts into the form's notice) and opens none; the next valid change opens the
    /// session, the address bar moves to it and the stale message goes.</summary>
    [Fact]
    public async Task On_the_offer_page_a_refused_change_is_told_in_place_and_the_next_change_opens_the_session()
    {
        var shop = await CheckoutShop.CreateAsync(numi);
        await using var shopper = await OpenCheckoutAsync(shop);
        var page = shopper.Page;
        var refused = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) lock (refused) refused.Add($"{response.Status} {response.Request.Method} {response.Url}");
        };

        await page.FillAsync("#qty-coffee", "1.5");
        await page.Locator("#qty-coffee").DispatchEventAsync("change");
        await Expect(page.Locator("#co-notice")).ToContainTextAsync("Enter the quantity as a whole number.");
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("$24.00");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(shop.Link) + "$"));

        await page.FillAsync("#qty-coffee", "2");
        await page.Locator("#qty-coffee").DispatchEventAsync("change");
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("$48.00");
        await Expect(page).ToHaveURLAsync(SessionUrl);
        await Expect(page.Locator("#co-notice")).ToHaveTextAsync("");

        await FillDetailsAsync(page, "4242 4242 4242 4242");
        await page.GetByTestId("pay").ClickAsync();
        await Expect(page.GetByTestId("order-number")).ToHaveTextAsync("#1001");
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("$48.00");
        // The only failed responses: the refused change (htmx may have sent it once per change event).
        lock (refused)
        {
            Assert.NotEmpty(refused);
            Assert.All(refused, r => Assert.Equal($"400 POST {numi.BaseUrl.ToString().TrimEnd('/')}{shop.Link}", r));
        }
    }

    [Fact]
    public async Task On_a_375_px_phone_the_pay_button_is_reachable_without_sideways_scrolling_and_the_purchase_completes()
    {
        var shop = await CheckoutShop.CreateAsync(numi);
        await using var shopper = await OpenCheckoutAsync(shop, new ViewportSize { Width = PhoneWidth, Height = 812 });
        var (page, problems) = (shopper.Page, shopper.Problems);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = CheckoutShop.Headline, Level = 1 })).ToBeVisibleAsync();
        await AssertFitsThePhoneAsync(page, "the checkout page");

        var pay = page.GetByTestId("pay");
        await Expect(pay).ToBeVisibleAsync();
        await pay.ScrollIntoViewIfNeededAsync();
        await Expect(pay).ToBeInViewportAsync();
        var box = await pay.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= PhoneWidth, $"The Pay button spans x {box.X}..{box.X + box.Width}, beyond {PhoneWidth} px.");

        // The bump on a phone, then the declined card's message must fit too.
        await page.GetByTestId("bump-grinder").CheckAsync();
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("$53.00");
        await FillDetailsAsync(page, "4000 0000 0000 0002");
        await pay.ClickAsync();
        await Expect(page.GetByTestId("pay-error")).ToBeVisibleAsync();
        await AssertFitsThePhoneAsync(page, "the checkout page with a declined card");

        await page.FillAsync("#co-card", "4242 4242 4242 4242");
        await page.FillAsync("#co-exp", "12/30");
        await page.FillAsync("#co-cvc", "123");
        await pay.ClickAsync();
        await Expect(page.GetByTestId("order-number")).ToHaveTextAsync("#1001");
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("$53.00");
        await AssertFitsThePhoneAsync(page, "the thank-you page");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(NumiAppFixture.ResultsDirectory, "checkout-thank-you-375.png"), FullPage = true });
        problems.AssertNone();
    }

    [Fact]
    public async Task The_3D_Secure_card_is_challenged_and_the_approved_payment_completes_once()
    {
        var shop = await CheckoutShop.CreateAsync(numi);
        await using var shopper = await OpenCheckoutAsync(shop);
        var (page, problems) = (shopper.Page, shopper.Problems);

        await FillDetailsAsync(page, "4000 0025 0000 3155");
        await page.GetByTestId("pay").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/checkout/cs_[0-9a-f]{32}/authenticate$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm your payment" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("auth-amount")).ToHaveTextAsync("$24.00");
        await page.GetByTestId("approve").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you!" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("order-number")).ToHaveTextAsync("#1001");
        await Expect(page).ToHaveURLAsync(SessionUrl);
        var sessionUrl = page.Url;
        // Going back to the bank page after the payment completed does not pay again: it returns to the thank-you.
        await page.GotoAsync(sessionUrl + "/authenticate");
        await Expect(page.GetByTestId("order-number")).ToHaveTextAsync("#1001");
        problems.AssertNone();
    }

    [Fact]
    public async Task The_one_click_upsell_is_accepted_and_the_merchant_sees_both_orders()
    {
        var shop = await CheckoutShop.CreateAsync(numi, withUpsell: true);
        await using var shopper = await OpenCheckoutAsync(shop);
        var (page, problems) = (shopper.Page, shopper.Problems);
        await FillDetailsAsync(page, "4242 4242 4242 4242");
        await page.GetByTestId("pay").ClickAsync();
        await Expect(page.GetByTestId("order-number")).ToHaveTextAsync("#1001");

        await Expect(page.GetByTestId("upsell")).ToContainTextAsync("Add the burr grinder");
        await page.GetByTestId("accept-upsell").ClickAsync();
        await Expect(page.GetByTestId("upsell-order-number")).ToHaveTextAsync("#1002");
        problems.AssertNone();

        await using var merchant = await numi.NewContextAsync();
        var admin = await SignInAsync(merchant, shop);
        await admin.GotoAsync("/orders");
        var orders = admin.GetByTestId("order-table").Locator("tbody tr");
        await Expect(orders).ToHaveCountAsync(2);
        await Expect(orders.Nth(0)).ToContainTextAsync("#1002");
        await Expect(orders.Nth(0)).ToContainTextAsync("$29.00");
        await Expect(orders.Nth(1)).ToContainTextAsync("#1001");
    }

    [Fact]
    public async Task A_coupon_lowers_the_total()
    {
        var shop = await CheckoutShop.CreateAsync(numi);
        await using var merchant = await numi.NewContextAsync();
        var admin = await SignInAsync(merchant, shop);
        await admin.GotoAsync("/discounts/new");
        await InteractiveJourneyTests.RendererAsync(admin);
        await admin.FillAsync("#discount-code", "SAVE25");
        await Expect(admin.GetByLabel("A percentage")).ToBeCheckedAsync();
        await admin.FillAsync("#discount-percent", "25");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create code" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex(@"/discounts/disc_[0-9a-f]{32}\?message="));

        await using var shopper = await OpenCheckoutAsync(shop);
        var (page, problems) = (shopper.Page, shopper.Problems);
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("$24.00");
        // Set on this page load only: still there after applying proves the summary changed in place (htmx), not by a reload.
        await page.EvaluateAsync("() => { window.numiSamePage = true; }");
        await page.FillAsync("#co-discount-code", "nope");
        await page.GetByTestId("apply-discount").ClickAsync();
        await Expect(page.Locator("#discount_code-error")).ToHaveTextAsync("“nope” is not a valid discount code.");
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("$24.00");

        await page.FillAsync("#co-discount-code", "save25");
        await page.GetByTestId("apply-discount").ClickAsync();
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("$18.00");
        await Expect(page.GetByTestId("discount")).ToHaveTextAsync("−$6.00");
        await Expect(page.GetByTestId("discount-applied")).ToContainTextAsync("SAVE25 (25% off)");
        await Expect(page.Locator("#discount_code-error")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.numiSamePage === true"), "Applying the code reloaded the page.");

        await FillDetailsAsync(page, "4242 4242 4242 4242");
        await page.GetByTestId("pay").ClickAsync();
        await Expect(page.GetByTestId("order-number")).ToHaveTextAsync("#1001");
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("$18.00");
        await Expect(page.GetByTestId("summary")).ToContainTextAsync("Discount (SAVE25)");
        problems.AssertNone();

        await admin.GotoAsync("/orders");
        await admin.GetByTestId("order-table").Locator("tbody tr a").First.ClickAsync();
        await Expect(admin.GetByTestId("order-discount")).ToHaveTextAsync("−$6.00");
        await Expect(admin.Locator("tfoot")).ToContainTextAsync("Discount (SAVE25)");
        await admin.GotoAsync("/discounts");
        await Expect(admin.GetByTestId("times-redeemed")).ToHaveTextAsync("1");
    }

    internal static async Task<IPage> SignInAsync(IBrowserContext merchant, CheckoutShop shop)
    {
        var admin = await merchant.NewPageAsync();
        await admin.GotoAsync("/account/signin");
        await admin.FillAsync("#email", shop.MerchantEmail);
        await admin.FillAsync("#password", CheckoutShop.MerchantPassword);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(admin).Not.ToHaveURLAsync(new Regex("/account/signin"));
        return admin;
    }

    /// <summary>A signed-out shopper's own browser context on the shop's offer link, watched for errors. The link is the
    /// offer's page itself and opens no session: the shopper's first action does.</summary>
    private sealed record Shopper(IBrowserContext Context, IPage Page, Problems Problems) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Context.DisposeAsync();
    }

    private async Task<Shopper> OpenCheckoutAsync(CheckoutShop shop, ViewportSize? viewport = null)
    {
        var context = await numi.NewContextAsync(viewport);
        var problems = Watch(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(shop.Link);
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(shop.Link) + "$"));
        return new Shopper(context, page, problems);
    }

    internal static async Task FillDetailsAsync(IPage page, string card)
    {
        await page.FillAsync("#co-email", "shopper@example.com");
        await page.FillAsync("#co-name", "Sam Shopper");
        await page.FillAsync("#co-card", card);
        await page.FillAsync("#co-exp", "12/30");
        await page.FillAsync("#co-cvc", "123");
    }

    private static async Task AssertFitsThePhoneAsync(IPage page, string what)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= PhoneWidth, $"{what} scrolls sideways at {PhoneWidth} px: scrollWidth {scrollWidth}.");
    }

    /// <summary>Collects failed responses (4xx/5xx) and console errors (a script error, or a CSP refusal) in the context.</summary>
    private static Problems Watch(IBrowserContext context)
    {
        var problems = new Problems();
        context.Response += (_, response) =>
        {
            if (response.Status >= 400) problems.Add($"{response.Status} {response.Request.Method} {response.Url}");
        };
        context.Page += (_, page) =>
        {
            page.Console += (_, message) =>
            {
                if (message.Type == "error") problems.Add($"console error: {message.Text}");
            };
            page.PageError += (_, error) => problems.Add($"page error: {error}");
        };
        return problems;
    }

    private sealed class Problems
    {
        private readonly List<string> _items = [];

        public void Add(string problem)
        {
            lock (_items) _items.Add(problem);
        }

        public void AssertNone()
        {
            lock (_items) Assert.True(_items.Count == 0, "Problems in the browser:\n" + string.Join("\n", _items));
        }
    }
}

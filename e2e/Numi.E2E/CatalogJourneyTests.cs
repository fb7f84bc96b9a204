using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Numi.E2E;

/// <summary>
/// From an empty catalog to a published offer, in a real browser against the real app: a product with a graduated
/// tiered price whose live quote (computed on the server, the catalog pages being interactive) updates as the tiers
/// are typed, a second product as the order bump, an
/// offer with a required slot and an order bump in the interactive offer editor, a headline previewed live without
/// saving, Publish, and the checkout link it gives.
/// </summary>
[Collection(NumiCollection.Name)]
public sealed class CatalogJourneyTests(NumiAppFixture numi, ITestOutputHelper output)
{
    private const string Password = "catalog-pass-2024";

    [Fact]
    public async Task Merchant_builds_a_tiered_price_with_a_live_quote_then_an_offer_with_an_order_bump_and_publishes_it()
    {
        var clock = Stopwatch.StartNew();
        var unique = Guid.NewGuid().ToString("N")[..8];
        var beans = $"Espresso beans {unique}";
        var grinder = $"Grinder {unique}";
        var offerName = $"Coffee Club {unique}";
        var headline = $"Fresh coffee, every month ({unique})";

        await using var context = await numi.NewContextAsync();
        var failedResponses = new List<string>();
        context.Response += (_, response) =>
        {
            if (response.Status >= 400) lock (failedResponses) failedResponses.Add($"{response.Status} {response.Request.Method} {response.Url}");
        };
        var page = await context.NewPageAsync();

        // A new merchant selling in US dollars.
        await SignUpInDollarsAsync(page, unique);

        var mainNav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        // Catalog → New product.
        await mainNav.GetByRole(AriaRole.Link, new() { Name = "Catalog" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/catalog$"));
        await CreateProductAsync(page, beans);

        // Add a price: Tiered. The tier editor appears once the scheme is chosen; the page works on the server.
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a price" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/catalog/products/prod_[^/]+/prices/new$"));
        await Expect(page.GetByTestId("price-unit-amount")).ToBeVisibleAsync();
        Assert.Equal("Server", await InteractiveJourneyTests.RendererAsync(page));
        var tierRows = page.GetByTestId("tier-row");
        await Expect(tierRows).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Tiered", Exact = true }).CheckAsync();
        await Expect(page.GetByTestId("price-unit-amount")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Graduated: each unit at its tier's price" })).ToBeCheckedAsync();

        // Two rows to start with; "Add a tier" adds a third without leaving the page.
        await Expect(tierRows).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a tier" }).ClickAsync();
        await Expect(tierRows).ToHaveCountAsync(3);
        await Expect(page).ToHaveURLAsync(new Regex("/prices/new$"));

        var quote = page.GetByTestId("quote-text");
        await Expect(quote).Not.ToContainTextAsync("units cost");

        // Up to 5 at 5.00, up to 10 at 4.00, then 3.00 with no upper bound.
        await page.GetByLabel("Tier 1 up to", new() { Exact = true }).FillAsync("5");
        await page.GetByLabel("Tier 1 price per unit", new() { Exact = true }).FillAsync("5.00");
        await page.GetByLabel("Tier 2 up to", new() { Exact = true }).FillAsync("10");
        await page.GetByLabel("Tier 2 price per unit", new() { Exact = true }).FillAsync("4.00");
        await Expect(page.GetByLabel("Tier 3 up to", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(tierRows.Nth(2)).ToContainTextAsync("∞ and above");
        await page.GetByLabel("Tier 3 price per unit", new() { Exact = true }).FillAsync("3.00");
        await Expect(page.GetByTestId("preview-quantity")).ToHaveValueAsync("12");

        // The quote is computed on the server as the tiers are typed; nothing is submitted.
        await Expect(quote).ToHaveTextAsync("12 units cost $51.00: 5 × $5.00 + 5 × $4.00 + 2 × $3.00");
        await Expect(page).ToHaveURLAsync(new Regex("/prices/new$"));
        await Expect(tierRows).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(NumiAppFixture.ResultsDirectory, "tiered-price.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Create price" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/catalog/products/prod_[^/?]+\\?message="));
        await Expect(page.GetByText("Price created.")).ToBeVisibleAsync();
        var priceTable = page.GetByTestId("price-table");
        await Expect(priceTable.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(priceTable).ToContainTextAsync("Tiered (graduated, from $5.00)");

        // A second product for the order bump, at 29.00 per unit.
        await mainNav.GetByRole(AriaRole.Link, new() { Name = "Catalog" }).ClickAsync();
        await Expect(page.GetByTestId("product-table")).ToContainTextAsync(beans);
        await CreateProductAsync(page, grinder);
        await AddPerUnitPriceAsync(page, "29.00");
        await Expect(quote).ToHaveTextAsync("12 units cost $348.00: 12 × $29.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create price" }).ClickAsync();
        await Expect(page.GetByText("Price created.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("price-table")).ToContainTextAsync("$29.00");

        // Offers → New offer.
        await mainNav.GetByRole(AriaRole.Link, new() { Name = "Offers" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/offers$"));
        await page.GetByRole(AriaRole.Link, new() { Name = "New offer" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/offers/new$"));
        await Expect(page.GetByTestId("new-offer-form")).ToBeVisibleAsync();
        Assert.Equal("Server", await InteractiveJourneyTests.RendererAsync(page));
        await page.FillAsync("#offer-name", offerName);
        await page.FillAsync("#offer-slug", $"club-{unique}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create offer" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/offers/offer_[^/?]+\\?"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = offerName })).ToBeVisibleAsync();
        // The editor is interactive: wait for its circuit before using it.
        Assert.Equal("Server", await InteractiveJourneyTests.RendererAsync(page));
        // The organization's default currency was chosen for the new offer.
        await Expect(page.GetByText($"club-{unique} · USD")).ToBeVisibleAsync();
        var status = page.GetByTestId("offer-status");
        await Expect(status).ToHaveTextAsync("Draft");
        await Expect(page.GetByText("No slots yet")).ToBeVisibleAsync();

        // A required slot with the tiered price, then an optional one (an order bump) with the grinder.
        await AddSlotAsync(page, "coffee", "Coffee", bump: false, productName: beans);
        var slots = page.GetByTestId("slot-list").Locator("li");
        await Expect(slots).ToHaveCountAsync(1);
        await Expect(slots.Nth(0).GetByTestId("slot-kind")).ToHaveTextAsync("Required");
        await Expect(slots.Nth(0)).ToContainTextAsync("Tiered (graduated, from $5.00)");

        await AddSlotAsync(page, "grinder", "Grinder", bump: true, productName: grinder);
        await Expect(slots).ToHaveCountAsync(2);
        await Expect(slots.Nth(1)).ToContainTextAsync("Grinder");
        await Expect(slots.Nth(1).GetByTestId("slot-kind")).ToHaveTextAsync("Order bump");
        await Expect(slots.Nth(1)).ToContainTextAsync("$29.00");

        // Design: the headline shows in the preview as it is typed, without saving; the tab is in the address.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Design" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("\\?tab=design$"));
        var preview = page.GetByTestId("offer-preview");
        await Expect(preview.GetByTestId("preview-headline")).ToHaveTextAsync(offerName);
        await Expect(preview.GetByTestId("preview-bump")).ToContainTextAsync("Add Grinder for $29.00");
        await page.Locator("#design-headline").PressSequentiallyAsync(headline);
        await Expect(preview.GetByTestId("preview-headline")).ToHaveTextAsync(headline);
        await Expect(page).ToHaveURLAsync(new Regex("\\?tab=design$"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(NumiAppFixture.ResultsDirectory, "offer-design-preview.png"), FullPage = true });

        // Not saved: a fresh load of the tab shows the offer's name as the headline again.
        await page.ReloadAsync();
        Assert.Equal("Server", await InteractiveJourneyTests.RendererAsync(page));
        await Expect(page.GetByTestId("preview-headline")).ToHaveTextAsync(offerName);
        await Expect(page.Locator("#design-headline")).ToHaveValueAsync("");

        // Publish.
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Expect(status).ToHaveTextAsync("Published");
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Offer published.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Unpublish" })).ToBeVisibleAsync();

        // The checkout link works: it opens a checkout of the offer with its order bump.
        var checkoutLink = await page.GetByTestId("open-checkout").GetAttributeAsync("href");
        Assert.Equal($"c/catalog-{unique}/club-{unique}", checkoutLink);
        var shopper = await context.NewPageAsync();
        var opened = await shopper.GotoAsync("/" + checkoutLink);
        Assert.True(opened is { Ok: true }, $"GET /{checkoutLink} answered {opened?.Status}");
        // The link is the offer's page itself: no session until the shopper acts.
        await Expect(shopper).ToHaveURLAsync(new Regex(Regex.Escape(checkoutLink!) + "$"));
        await Expect(shopper.Locator("body")).ToContainTextAsync("Grinder");
        await Expect(shopper.Locator("body")).ToContainTextAsync("$29.00");
        await shopper.CloseAsync();

        // The offer list agrees: published, two slots, one of them an order bump.
        await mainNav.GetByRole(AriaRole.Link, new() { Name = "Offers" }).ClickAsync();
        var row = page.GetByTestId("offer-table").Locator("tbody tr", new() { HasText = offerName });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("offer-status")).ToHaveTextAsync("Published");
        await Expect(row).ToContainTextAsync("2 (1 order bump)");

        // Every page, fragment, stylesheet and script the browser fetched on the way answered (no 4xx/5xx).
        lock (failedResponses) Assert.Empty(failedResponses);
        output.WriteLine($"Catalog-to-published-offer journey: {clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
    }

    /// <summary>
    /// The quote follows the preview quantity as it is typed, key by key, and the server's renders in between never
    /// put an older value back into the field (with htmx, a stale preview response once did).
    /// </summary>
    [Fact]
    public async Task Preview_quantity_typed_key_by_key_is_kept_and_quoted()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        await using var context = await numi.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignUpInDollarsAsync(page, unique);
        await page.GotoAsync("/catalog");
        await CreateProductAsync(page, $"Beans {unique}");
        await AddPerUnitPriceAsync(page, "29.00");
        var quote = page.GetByTestId("quote-text");
        await Expect(quote).ToHaveTextAsync("12 units cost $348.00: 12 × $29.00");

        var quantity = page.GetByTestId("preview-quantity");
        await quantity.FillAsync("1");
        await quantity.PressSequentiallyAsync("50");

        await Expect(quote).ToHaveTextAsync("150 units cost $4,350.00: 150 × $29.00");
        await Expect(quantity).ToHaveValueAsync("150");
    }

    /// <summary>Signs a new merchant up with an organization whose default currency is USD; ends on the dashboard.</summary>
    private static async Task SignUpInDollarsAsync(IPage page, string unique)
    {
        await page.GotoAsync("/account/signup");
        await page.FillAsync("#org-name", $"Catalog Coffee {unique}");
        await page.FillAsync("#org-slug", $"catalog-{unique}");
        await page.SelectOptionAsync("#org-currency", "usd");
        await page.SelectOptionAsync("#org-timezone", "UTC");
        await page.FillAsync("#display-name", "Cat Alog");
        await page.FillAsync("#email", $"catalog-{unique}@example.com");
        await page.FillAsync("#password", Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?welcome=true$"));
    }

    /// <summary>From the catalog list: New product, a name, Create product; ends on the new product's page.</summary>
    private static async Task CreateProductAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "New product" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/catalog/products/new$"));
        await Expect(page.GetByTestId("product-form")).ToBeVisibleAsync();
        Assert.Equal("Server", await InteractiveJourneyTests.RendererAsync(page));
        await page.FillAsync("#product-name", name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create product" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/catalog/products/prod_[^/?]+\\?message="));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("Product created.")).ToBeVisibleAsync();
        Assert.Equal("Server", await InteractiveJourneyTests.RendererAsync(page));
    }

    /// <summary>From a product's page: Add a price, per unit (the default scheme) at <paramref name="amount"/>.</summary>
    private static async Task AddPerUnitPriceAsync(IPage page, string amount)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a price" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/prices/new$"));
        await Expect(page.GetByTestId("price-unit-amount")).ToBeVisibleAsync();
        Assert.Equal("Server", await InteractiveJourneyTests.RendererAsync(page));
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Per unit", Exact = true })).ToBeCheckedAsync();
        await page.GetByTestId("price-unit-amount").FillAsync(amount);
    }

    /// <summary>Fills the offer editor's "Add a slot" form with the one price of <paramref name="productName"/> as default.</summary>
    private static async Task AddSlotAsync(IPage page, string key, string name, bool bump, string productName)
    {
        await page.FillAsync("#slot-key", key);
        await page.FillAsync("#slot-name", name);
        await page.GetByRole(AriaRole.Radio, new() { Name = bump ? "Optional" : "Required", Exact = false }).CheckAsync();
        await page.Locator(".mud-select", new() { HasText = "Default price" }).Locator(".mud-input-control").ClickAsync();
        var option = page.Locator(".mud-popover-open .mud-list-item", new() { HasText = productName });
        await Expect(option).ToHaveCountAsync(1);
        await option.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add slot" }).ClickAsync();
        await Expect(page.Locator(".mud-snackbar", new() { HasText = $"Slot {name} added." })).ToBeVisibleAsync();
    }
}

using System.Net;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Portal;

/// <summary>The portal's card form on the simulated processor: a saved card pays the past-due invoice at once and the
/// subscription is active again; bad and refused cards are told inline and change nothing; another customer's
/// subscription is not found; the card number and CVC are neither stored nor logged.</summary>
[Collection(AppCollection.Name)]
public sealed class PortalCardTests(NumiFactory factory)
{
    private static readonly string Expiry = $"12/{(DateTime.UtcNow.Year + 3) % 100:00}";

    private static string CardPage(PortalShop shop, string? subscription = null) => $"{shop.Home}/subscriptions/{subscription ?? shop.SubscriptionId}/card";

    internal static async Task<HttpResponseMessage> SaveCardAsync(Browser browser, PortalShop shop, string number, string expiry, string cvc)
    {
        var form = await browser.GetFormAsync(CardPage(shop), "portal-card");
        form.Fields["Input.CardNumber"] = number;
        form.Fields["Input.Expiry"] = expiry;
        form.Fields["Input.Cvc"] = cvc;
        form.Fields["Input.Action"] = "save-card";
        return await browser.PostAsync(form);
    }

    private static async Task<string?> DefaultCardAsync(PortalShop shop) =>
        (await shop.Api.GetFromJsonElementAsync($"/api/v1/subscriptions/{shop.SubscriptionId}")).GetProperty("default_payment_method").GetString();

    [Fact]
    public async Task A_saved_card_pays_the_past_due_invoice_and_the_subscription_shows_active()
    {
        var (shop, invoice) = await PortalInvoicesTests.PastDueAsync(factory);
        using var _shop = shop;
        using var browser = await factory.SignedInAsync(shop);
        var list = await browser.GetPageAsync(shop.Home + "/subscriptions");
        Assert.Equal("Payment due", list.QuerySelector("[data-testid=status]")!.TextContent);
        Assert.Equal(CardPage(shop), list.QuerySelector("[data-testid=card]")!.GetAttribute("href"));
        var page = await browser.GetPageAsync(CardPage(shop));
        Assert.Equal(["Card number", "Expiry", "CVC"], page.QuerySelectorAll("form label").Select(l => l.TextContent));
        Assert.Equal("Save card", page.QuerySelector("button[data-testid=save-card]")!.TextContent);
        Assert.Contains("INV-000001 ($22.00)", page.QuerySelector("[data-testid=due]")!.TextContent);

        using var saved = await SaveCardAsync(browser, shop, "4242 4242 4242 4242", Expiry, "123");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(shop.Home + "/subscriptions?card=paid", saved.Headers.Location!.PathAndQueryOrOriginal());
        var after = await browser.FollowAsync(saved);
        Assert.Equal("Your new card is saved and what was due is paid with it.", after.QuerySelector("[data-testid=card-saved]")!.TextContent);
        Assert.Equal("Active", after.QuerySelector("[data-testid=status]")!.TextContent);
        Assert.Equal("paid", (await shop.Api.GetFromJsonElementAsync($"/api/v1/invoices/{invoice}")).GetProperty("status").GetString());
        Assert.Equal("pm_card_visa", await DefaultCardAsync(shop));
        var timeline = (await shop.Api.GetFromJsonElementAsync($"/api/v1/subscriptions/{shop.SubscriptionId}/timeline")).GetProperty("data");
        Assert.Equal(["renewed", "payment_method_changed", "payment_failed"], timeline.EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("by the customer in the portal", timeline[1].GetProperty("note").GetString());
    }

    [Fact]
    public async Task A_card_on_an_active_subscription_is_saved_without_a_payment()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        using var browser = await factory.SignedInAsync(shop);

        using var saved = await SaveCardAsync(browser, shop, "5555 5555 5555 4444", Expiry, "123");

        Assert.Equal(shop.Home + "/subscriptions?card=saved", saved.Headers.Location!.PathAndQueryOrOriginal());
        Assert.Equal("pm_card_mastercard", await DefaultCardAsync(shop));
        Assert.Empty((await shop.Api.GetFromJsonElementAsync("/api/v1/invoices")).Ids());
    }

    [Theory]
    [InlineData("", "", "", "card.number-error", "Enter your card number.")]
    [InlineData("4242 4242 4242 4242", "13", "123", "card.expiry-error", "Enter the expiry date as MM/YY.")]
    [InlineData("4242 4242 4242 4242", "EXPIRY", "", "card.cvc-error", "Enter the security code.")]
    [InlineData("4242 4242 4242 4241", "EXPIRY", "123", "card.number-error", "")]
    [InlineData("4000 0000 0000 0002", "EXPIRY", "123", "form-error", "declined")]
    public async Task Bad_or_refused_cards_are_told_inline_and_change_nothing(string number, string expiry, string cvc, string errorId, string message)
    {
        var (shop, invoice) = await PortalInvoicesTests.PastDueAsync(factory);
        using var _shop = shop;
        using var browser = await factory.SignedInAsync(shop);

        using var refused = await SaveCardAsync(browser, shop, number, expiry.Replace("EXPIRY", Expiry, StringComparison.Ordinal), cvc);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Browser.ParseAsync(refused);
        var error = page.GetElementById(errorId);
        Assert.NotNull(error);
        Assert.Contains(message, error.TextContent);
        Assert.Null(page.QuerySelector("input[name='Input.CardNumber']")!.GetAttribute("value"));
        Assert.Equal("pm_card_chargeCustomerFail", await DefaultCardAsync(shop));
        var open = await shop.Api.GetFromJsonElementAsync($"/api/v1/invoices/{invoice}");
        Assert.Equal(("open", 1), (open.GetProperty("status").GetString(), open.GetProperty("attempt_count").GetInt32()));
    }

    [Fact]
    public async Task Another_customers_subscription_has_no_card_form_here_and_a_post_to_it_is_not_found()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        using var other = await factory.ShopWithSubscriberAsync();
        await Subscriptions.SubscriptionsTests.SubscribeAsync(shop.Api, $"ben-{Guid.NewGuid():N}@example.com");
        var theirs = (await shop.Api.GetFromJsonElementAsync("/api/v1/subscriptions?limit=1")).Ids()[0];
        using var browser = await factory.SignedInAsync(shop);
        var form = await browser.GetFormAsync(CardPage(shop), "portal-card");
        form.Fields["Input.CardNumber"] = "5555 5555 5555 4444";
        form.Fields["Input.Expiry"] = Expiry;
        form.Fields["Input.Cvc"] = "123";

        using var read = await browser.Client.GetAsync(CardPage(shop, theirs));
        using var post = await browser.Client.PostAsync(CardPage(shop, theirs), new FormUrlEncodedContent(form.Fields));
        using var otherOrganization = await browser.Client.PostAsync(CardPage(other), new FormUrlEncodedContent(form.Fields));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (read.StatusCode, post.StatusCode));
        // Another organization's portal does not know this browser's sign-in: it asks to sign in there.
        Assert.NotEqual(HttpStatusCode.OK, otherOrganization.StatusCode);
        var theirCard = (await shop.Api.GetFromJsonElementAsync($"/api/v1/subscriptions/{theirs}")).GetProperty("default_payment_method").GetString();
        Assert.Equal(("pm_card_visa", "pm_card_visa"), (theirCard, await DefaultCardAsync(other)));
    }

    [Fact]
    public async Task A_card_typed_into_the_portal_is_neither_stored_nor_logged()
    {
        await using var app = new CardDataTests.RecordingFactory();
        var (shop, _) = await PortalInvoicesTests.PastDueAsync(app);
        using var _shop = shop;
        using var browser = await app.SignedInAsync(shop);

        using (var declined = await SaveCardAsync(browser, shop, "4000 0000 0000 0002", Expiry, "7319")) Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        using (var saved = await SaveCardAsync(browser, shop, "4242 4242 4242 4242", Expiry, "7319")) Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Equal("pm_card_visa", await DefaultCardAsync(shop));
        CardDataTests.AssertNotStoredOrLogged(app, ["4242424242424242", "4242 4242 4242 4242", "4000000000000002", "4000 0000 0000 0002"], "7319");
    }
}

using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Checkout.CheckoutSteps;

namespace Numi.Web.Tests.Checkout;

/// <summary>A checkout session is bound to the shopper's browser by a cookie only that session's pages receive: another
/// browser (or a forged cross-site post, which carries no cookie) that knows the session's link cannot pay, change it,
/// answer the bank or accept the upsell. The page itself holds no secret, so it is still cached for everyone.</summary>
[Collection(AppCollection.Name)]
public sealed class CheckoutBrowserTests(NumiFactory factory)
{
    private static readonly Dictionary<string, string> Upsell = new() { ["_handler"] = "upsell" };

    [Fact]
    public async Task A_post_without_the_shoppers_cookie_cannot_charge_the_upsell_of_a_paid_checkout()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await shop.AddUpsellAsync();
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);
        await shopper.PayAsync(session);
        using var stranger = factory.CreateBrowser();

        using var forged = await stranger.Client.PostAsync(session, new FormUrlEncodedContent(Upsell));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("cannot be changed from here", (await Browser.ParseAsync(forged)).QuerySelector("h1")?.TextContent);
        Assert.Equal(1, await OrderCountAsync(shop));
        // The shopper's own browser still can.
        using (var accepted = await shopper.Client.PostAsync(session, new FormUrlEncodedContent(Upsell))) Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(2, await OrderCountAsync(shop));
    }

    [Fact]
    public async Task Another_browser_holding_the_link_can_neither_change_nor_pay_the_checkout()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);
        using var stranger = factory.CreateBrowser();

        using var changed = await stranger.PostCheckoutAsync(session, new Dictionary<string, string?> { ["Input.Slots[0].Price"] = shop.ThreeBags, ["Input.Action"] = "update" });
        using var discounted = await stranger.PostCheckoutAsync(session, new Dictionary<string, string?> { ["Input.DiscountCode"] = "ANY", ["Input.Action"] = "apply-discount" });
        using var paid = await stranger.PostCheckoutAsync(session, Payment());

        Assert.All(new[] { changed, discounted, paid }, response => Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode));
        Assert.Equal(0, await OrderCountAsync(shop));
        Assert.Equal("$24.00", (await shopper.GetPageAsync(session)).TestId("total"));
    }

    [Fact]
    public async Task Only_the_browser_that_paid_may_answer_its_bank()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);
        using (var challenged = await shopper.PostCheckoutAsync(session, Payment(card: "4000 0025 0000 3155")))
            Assert.EndsWith("/authenticate", challenged.Headers.Location?.ToString());
        using var stranger = factory.CreateBrowser();
        var bank = await shopper.GetFormAsync(session + "/authenticate", "authenticate");
        bank.Fields["Input.Answer"] = "approve";

        // The bank's page itself is refused to another browser (with Stripe it holds the payment's client secret), and
        // so is the shopper's own form sent from it: 403 comes before antiforgery would answer 400.
        using var strangersPage = await stranger.Client.GetAsync(session + "/authenticate");
        using var strangersPageInCapitals = await stranger.Client.GetAsync(session + "/AUTHENTICATE");
        using var forged = await stranger.PostAsync(bank);

        Assert.Equal(HttpStatusCode.Forbidden, strangersPage.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, strangersPageInCapitals.StatusCode);
        Assert.DoesNotContain("approve", await strangersPage.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(0, await OrderCountAsync(shop));
        using (var approved = await shopper.PostAsync(bank)) Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(1, await OrderCountAsync(shop));
    }

    [Fact]
    public async Task A_session_made_through_the_API_is_bound_to_the_first_browser_that_posts_to_it_not_to_one_that_only_views_it()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var path = await ApiSessionPathAsync(shop);
        using var scanner = factory.CreateBrowser();
        using var shopper = factory.CreateBrowser();
        using var other = factory.CreateBrowser();

        // A mail scanner or a link preview opens the url first; it is given nothing and takes nothing.
        using var scanned = await scanner.Client.GetAsync(path);
        using var paid = await shopper.PostCheckoutAsync(path, Payment());
        using var refused = await other.PostCheckoutAsync(path, Payment());

        Assert.Equal(HttpStatusCode.OK, scanned.StatusCode);
        Assert.False(scanned.Headers.Contains("Set-Cookie"), "Viewing a session binds no browser.");
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var cookie = Assert.Single(paid.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"path={path}", cookie, StringComparison.OrdinalIgnoreCase);
        var secret = cookie[(cookie.IndexOf('=') + 1)..cookie.IndexOf(';')];
        using var thanks = await shopper.Client.GetAsync(path);
        Assert.DoesNotContain(secret, await thanks.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(1, await OrderCountAsync(shop));
    }

    [Fact]
    public async Task Browsers_posting_to_an_API_session_at_once_are_given_its_key_once_and_the_others_refused()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var path = await ApiSessionPathAsync(shop);
        var browsers = Enumerable.Range(0, 4).Select(_ => factory.CreateBrowser()).ToList();
        var forms = await Task.WhenAll(browsers.Select(b => b.GetFormAsync(path, "checkout")));
        foreach (var form in forms) form.Fields["Input.Action"] = "update";

        var responses = await Task.WhenAll(browsers.Select((b, i) => b.PostAsync(forms[i])));

        var bound = Assert.Single(responses, r => r.Headers.Contains("Set-Cookie"));
        Assert.NotEqual(HttpStatusCode.Forbidden, bound.StatusCode);
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Forbidden));
        foreach (var disposable in responses.Cast<IDisposable>().Concat(browsers)) disposable.Dispose();
    }

    [Fact]
    public async Task A_checkout_paid_through_the_API_has_no_browser_so_its_upsell_is_neither_offered_nor_charged()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await shop.AddUpsellAsync();
        var path = await ApiSessionPathAsync(shop);
        var id = path[(path.LastIndexOf('/') + 1)..];
        await shop.Api.PostOkAsync($"/api/v1/checkout/sessions/{id}/confirm", """{"payment_method":"pm_card_visa"}""");
        using var opener = factory.CreateBrowser();

        using var thanks = await opener.Client.GetAsync(path);
        using var forced = await opener.Client.PostAsync(path, new FormUrlEncodedContent(Upsell));

        Assert.False(thanks.Headers.Contains("Set-Cookie"), "A paid session is never bound after the fact.");
        var page = Browser.Parse(await thanks.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("[data-testid=order-number]"));
        Assert.Null(page.QuerySelector("[data-testid=upsell]"));
        Assert.Equal(HttpStatusCode.Forbidden, forced.StatusCode);
        Assert.Equal(1, await OrderCountAsync(shop));
    }

    [Fact]
    public async Task A_session_confirmed_through_the_API_that_waits_for_the_bank_is_bound_to_the_first_browser_on_the_banks_page()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var path = await ApiSessionPathAsync(shop);
        var id = path[(path.LastIndexOf('/') + 1)..];
        using (var challenged = await shop.Api.PostAsync($"/api/v1/checkout/sessions/{id}/confirm", ApiCalls.Json("""{"payment_method":"pm_card_authenticationRequired"}""")))
            Assert.Equal(HttpStatusCode.PaymentRequired, challenged.StatusCode);
        using var shopper = factory.CreateBrowser();
        using var stranger = factory.CreateBrowser();

        var bank = await shopper.GetFormAsync(path + "/authenticate", "authenticate");
        using var strangersPage = await stranger.Client.GetAsync(path + "/authenticate");
        bank.Fields["Input.Answer"] = "approve";
        using var approved = await shopper.PostAsync(bank);

        Assert.Equal(HttpStatusCode.Forbidden, strangersPage.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(1, await OrderCountAsync(shop));
    }

    private static async Task<string> ApiSessionPathAsync(CheckoutShop shop)
    {
        var created = await shop.Api.PostOkAsync("/api/v1/checkout/sessions", JsonSerializer.Serialize(new { offer = shop.OfferId, customer_email = "shopper@example.test" }));
        return new Uri(created.GetProperty("url").GetString()!).AbsolutePath;
    }

    private Task<int> OrderCountAsync(CheckoutShop shop) =>
        factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().CountAsync(o => o.OrganizationId == shop.OrganizationId));
}

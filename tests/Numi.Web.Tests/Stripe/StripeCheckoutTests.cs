using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Checkout.CheckoutSteps;

namespace Numi.Web.Tests.Stripe;

/// <summary>The hosted checkout of an organization that connected Stripe: Stripe's card field and CSP, the payment
/// method posted by the page charged through (fake) Stripe with the organization's own key, one order per session,
/// declines and the bank's authentication, and the one-click upsell off-session.</summary>
[Collection(StripeCollection.Name)]
public sealed class StripeCheckoutTests(StripeFactory factory)
{
    private static Dictionary<string, string?> PayWith(string paymentMethod, string email = "shopper@example.test") => new()
    {
        ["Input.Email"] = email,
        ["Input.Name"] = "Sam Shopper",
        ["Input.PaymentMethod"] = paymentMethod,
        ["Input.Action"] = "pay",
    };

    private sealed record StripeShop(CheckoutShop Shop, string Secret, string Publishable) : IDisposable
    {
        public void Dispose() => Shop.Dispose();
    }

    private async Task<StripeShop> StripeShopAsync()
    {
        var shop = await CheckoutShop.CreateAsync(factory);
        var (secret, publishable, _) = await factory.ConnectStripeAsync(shop.OrganizationId);
        return new StripeShop(shop, secret, publishable);
    }

    private Task<List<Numi.Core.Orders.Order>> OrdersAsync(Guid organizationId) =>
        factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().Where(o => o.OrganizationId == organizationId).ToListAsync());

    private static Dictionary<string, string> Policy(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Content-Security-Policy"))
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToDictionary(d => d.Split(' ')[0], d => d);

    [Fact]
    public async Task The_page_shows_Stripes_card_field_with_deferred_scripts_and_allows_Stripe_in_its_policy()
    {
        using var connected = await StripeShopAsync();
        var (shop, publishable) = (connected.Shop, connected.Publishable);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        using var response = await shopper.Client.GetAsync(path);
        var (page, _) = await PageAsync(response);

        var field = page.GetElementById("co-stripe");
        Assert.NotNull(field);
        Assert.Equal(publishable, field.GetAttribute("data-stripe-key"));
        Assert.Equal(("2400", "usd"), (field.GetAttribute("data-amount"), field.GetAttribute("data-currency")));
        Assert.NotNull(page.QuerySelector("input[type=hidden][name='Input.PaymentMethod']"));
        Assert.Null(page.QuerySelector("input[name='Input.CardNumber']"));
        Assert.Null(page.QuerySelector("input[name='Input.Cvc']"));
        var scripts = page.QuerySelectorAll("script[src]").ToList();
        var stripeJs = Assert.Single(scripts, s => s.GetAttribute("src") == "https://js.stripe.com/v3/");
        var ours = Assert.Single(scripts, s => s.GetAttribute("src") == "stripe-checkout.js");
        Assert.All(scripts, s => Assert.True(s.HasAttribute("defer") || s.HasAttribute("async"), $"{s.GetAttribute("src")} blocks rendering."));
        Assert.True(scripts.IndexOf(stripeJs) < scripts.IndexOf(ours));
        using (var script = await shopper.Client.GetAsync("/stripe-checkout.js"))
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);

        var policy = Policy(response);
        Assert.Equal("script-src 'self' https://js.stripe.com", policy["script-src"]);
        Assert.Equal("frame-src https://js.stripe.com https://hooks.stripe.com", policy["frame-src"]);
        Assert.Equal("connect-src 'self' https://api.stripe.com", policy["connect-src"]);
        Assert.Equal("frame-ancestors 'none'", policy["frame-ancestors"]);
        // The page may come from the output cache the second time: its policy comes with it.
        using (var again = await shopper.Client.GetAsync(path))
        {
            Assert.NotNull(again.Headers.Age);
            Assert.Equal(policy["script-src"], Policy(again)["script-src"]);
        }
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task Paying_charges_through_Stripe_with_the_organizations_key_and_makes_exactly_one_order()
    {
        using var connected = await StripeShopAsync();
        var (shop, secret) = (connected.Shop, connected.Secret);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);
        var form = await shopper.GetFormAsync(path, "checkout");
        foreach (var (name, value) in PayWith("pm_card_visa")) form.Fields[name] = value!;

        using var paid = await shopper.PostAsync(form);
        using var replayed = await shopper.PostAsync(form);

        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var thanks = await shopper.GetPageAsync(path);
        Assert.NotNull(thanks.TestId("order-number"));
        var order = Assert.Single(await OrdersAsync(shop.OrganizationId));
        var sessionId = path[(path.LastIndexOf('/') + 1)..];
        var intent = Assert.Single(factory.Stripe.Posts("/v1/payment_intents"), p => p.Field("metadata[numi_checkout_session]") == sessionId);
        Assert.Equal("Bearer " + secret, intent.Authorization);
        Assert.Equal(("2400", "usd", "pm_card_visa"), (intent.Field("amount"), intent.Field("currency"), intent.Field("payment_method")));
        Assert.Equal(PublicId.Format(IdPrefixes.Organization, shop.OrganizationId), intent.Field("metadata[numi_organization]"));
        Assert.Equal(sessionId + "-1", intent.IdempotencyKey);
        Assert.StartsWith("pi_fake", order.PaymentIntentId);
        Assert.Equal(("visa", "4242", 2400L), (order.CardBrand, order.CardLast4, order.AmountTotal));
    }

    [Fact]
    public async Task A_decline_is_shown_in_plain_language_and_the_shopper_can_pay_with_another_card()
    {
        using var connected = await StripeShopAsync();
        var shop = connected.Shop;
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        using var declined = await shopper.PostCheckoutAsync(path, PayWith("pm_card_chargeDeclinedInsufficientFunds"));
        var (page, _) = await PageAsync(declined);
        Assert.Equal("Your card has insufficient funds. Try another card.", page.TestId("pay-error"));
        Assert.Empty(await OrdersAsync(shop.OrganizationId));

        using var paid = await shopper.PostCheckoutAsync(path, PayWith("pm_card_visa"));
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.Single(await OrdersAsync(shop.OrganizationId));
    }

    [Fact]
    public async Task Without_JavaScript_there_is_no_payment_method_and_nothing_is_sent_to_Stripe()
    {
        using var connected = await StripeShopAsync();
        var (shop, secret) = (connected.Shop, connected.Secret);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        using var response = await shopper.PostCheckoutAsync(path, PayWith(""));

        var (page, html) = await PageAsync(response);
        Assert.Equal("Enter your card details in the card field.", page.FieldError("payment_method"));
        Assert.Contains("Paying by card needs JavaScript", html);
        Assert.DoesNotContain(factory.Stripe.Requests, r => r.Authorization == "Bearer " + secret && r.Method == "POST");
    }

    [Fact]
    public async Task A_payment_the_bank_must_confirm_is_handed_to_Stripe_js_then_confirmed_with_Stripe_before_the_order()
    {
        using var connected = await StripeShopAsync();
        var (shop, publishable) = (connected.Shop, connected.Publishable);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        using var challenged = await shopper.PostCheckoutAsync(path, PayWith("pm_card_authenticationRequired"));
        Assert.Equal(path + "/authenticate", challenged.Headers.Location?.PathAndQueryOrOriginal());
        using var bankPage = await shopper.Client.GetAsync(path + "/authenticate");
        var (page, _) = await PageAsync(bankPage);
        var form = page.GetElementById("co-next-action");
        Assert.NotNull(form);
        var session = await factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().SingleAsync(s => s.Id == SessionKey(path)));
        Assert.Equal(session.PendingPaymentIntent + "_secret_fake", form.GetAttribute("data-client-secret"));
        Assert.Equal(publishable, form.GetAttribute("data-stripe-key"));
        Assert.True(bankPage.Headers.CacheControl?.NoStore);
        Assert.Contains("https://js.stripe.com", Policy(bankPage)["script-src"]);
        Assert.Null(page.QuerySelector("[data-testid=approve]"));

        // Posting back before the bank answered changes nothing; after it approved, the order is made.
        using (var early = await shopper.SubmitAsync(path + "/authenticate", new Dictionary<string, string> { ["Input.Answer"] = "done" }, "authenticate")) { }
        Assert.Empty(await OrdersAsync(shop.OrganizationId));
        factory.Stripe.Authenticate(session.PendingPaymentIntent!, approved: true);
        using var done = await shopper.SubmitAsync(path + "/authenticate", new Dictionary<string, string> { ["Input.Answer"] = "done" }, "authenticate");

        Assert.Equal(path, done.Headers.Location?.PathAndQueryOrOriginal());
        var order = Assert.Single(await OrdersAsync(shop.OrganizationId));
        Assert.Equal(session.PendingPaymentIntent, order.PaymentIntentId);
    }

    [Fact]
    public async Task A_simulated_payment_waiting_for_the_bank_is_finished_by_the_simulator_after_Stripe_is_connected()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);
        using (var challenged = await shopper.PostCheckoutAsync(path, Payment(card: "4000 0025 0000 3155")))
            Assert.Equal(path + "/authenticate", challenged.Headers.Location?.PathAndQueryOrOriginal());
        await factory.ConnectStripeAsync(shop.OrganizationId);

        var bank = await shopper.GetFormAsync(path + "/authenticate", "authenticate");
        bank.Fields["Input.Answer"] = "approve";
        using var approved = await shopper.PostAsync(bank);

        Assert.Equal(path, approved.Headers.Location?.PathAndQueryOrOriginal());
        Assert.StartsWith("pi_sim_", Assert.Single(await OrdersAsync(shop.OrganizationId)).PaymentIntentId);
    }

    [Fact]
    public async Task The_one_click_upsell_charges_the_saved_card_off_session_through_Stripe()
    {
        using var connected = await StripeShopAsync();
        var (shop, secret) = (connected.Shop, connected.Secret);
        await shop.AddUpsellAsync();
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);
        using (var paid = await shopper.PostCheckoutAsync(path, PayWith("pm_card_visa"))) Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);

        using (var accepted = await shopper.SubmitAsync(path, new Dictionary<string, string>(), "upsell")) Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        var orders = await OrdersAsync(shop.OrganizationId);
        Assert.Equal(2, orders.Count);
        var second = Assert.Single(orders, o => o.ParentOrderId is not null);
        var intents = factory.Stripe.Posts("/v1/payment_intents").Where(p => p.Authorization == "Bearer " + secret).ToList();
        Assert.Equal(2, intents.Count);
        Assert.Equal(("true", null, "pm_card_visa", "2900"), (intents[1].Field("off_session"), intents[1].Field("setup_future_usage"), intents[1].Field("payment_method"), intents[1].Field("amount")));
        Assert.Equal(intents[0].Field("customer"), intents[1].Field("customer"));
        var upsellSession = await factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().SingleAsync(s => s.ParentOrderId == second.ParentOrderId));
        Assert.Equal(upsellSession.PublicId, intents[1].Field("metadata[numi_checkout_session]"));
        Assert.StartsWith("pi_fake", second.PaymentIntentId);
    }

    [Fact]
    public async Task A_trial_upsell_on_Stripe_keeps_the_saved_card_with_a_SetupIntent_and_no_payment_of_zero()
    {
        using var connected = await StripeShopAsync();
        var (shop, secret) = (connected.Shop, connected.Secret);
        await shop.AddTrialUpsellAsync(trialDays: 7);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);
        using (var paid = await shopper.PostCheckoutAsync(path, PayWith("pm_card_visa"))) Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);

        using (var accepted = await shopper.SubmitAsync(path, new Dictionary<string, string>(), "upsell")) Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        var second = Assert.Single(await OrdersAsync(shop.OrganizationId), o => o.ParentOrderId is not null);
        Assert.Single(factory.Stripe.Posts("/v1/payment_intents"), p => p.Authorization == "Bearer " + secret);
        var setup = Assert.Single(factory.Stripe.Posts("/v1/setup_intents"), p => p.Authorization == "Bearer " + secret);
        Assert.Equal(("pm_card_visa", "off_session", "true"), (setup.Field("payment_method"), setup.Field("usage"), setup.Field("confirm")));
        Assert.Equal(0, second.AmountTotal);
        Assert.StartsWith("seti_", second.PaymentIntentId);
    }

    [Fact]
    public async Task Each_organization_pays_with_its_own_keys_and_one_without_Stripe_keeps_the_simulated_card_form()
    {
        using var connectedAlpha = await StripeShopAsync();
        using var connectedBravo = await StripeShopAsync();
        using var simulated = await CheckoutShop.CreateAsync(factory);
        var (alpha, alphaSecret) = (connectedAlpha.Shop, connectedAlpha.Secret);
        var (bravo, bravoSecret) = (connectedBravo.Shop, connectedBravo.Secret);

        async Task<string> PayAsync(CheckoutShop shop, Dictionary<string, string?> payment)
        {
            using var shopper = factory.CreateBrowser();
            var path = await shopper.StartCheckoutAsync(shop);
            using var paid = await shopper.PostCheckoutAsync(path, payment);
            Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
            return path[(path.LastIndexOf('/') + 1)..];
        }
        var alphaSession = await PayAsync(alpha, PayWith("pm_card_visa"));
        var bravoSession = await PayAsync(bravo, PayWith("pm_card_visa"));
        using var plain = factory.CreateBrowser();
        var plainPath = await plain.StartCheckoutAsync(simulated);
        using var plainPage = await plain.Client.GetAsync(plainPath);
        var (plainHtml, _) = await PageAsync(plainPage);
        Assert.NotNull(plainHtml.QuerySelector("input[name='Input.CardNumber']"));
        Assert.Null(plainHtml.GetElementById("co-stripe"));
        Assert.Equal("script-src 'self'", Policy(plainPage)["script-src"]);
        var simulatedSession = await PayAsync(simulated, Payment());

        var sent = factory.Stripe.Posts("/v1/payment_intents").ToList();
        Assert.Equal("Bearer " + alphaSecret, Assert.Single(sent, p => p.Field("metadata[numi_checkout_session]") == alphaSession).Authorization);
        Assert.Equal("Bearer " + bravoSecret, Assert.Single(sent, p => p.Field("metadata[numi_checkout_session]") == bravoSession).Authorization);
        Assert.DoesNotContain(sent, p => p.Field("metadata[numi_checkout_session]") == simulatedSession);
        Assert.All(factory.Stripe.Requests.Where(r => r.Authorization == "Bearer " + alphaSecret && r.Method == "POST"),
            r => Assert.NotEqual(PublicId.Format(IdPrefixes.Organization, bravo.OrganizationId), r.Field("metadata[numi_organization]")));
        Assert.StartsWith("pi_fake", Assert.Single(await OrdersAsync(alpha.OrganizationId)).PaymentIntentId);
        Assert.StartsWith("pi_fake", Assert.Single(await OrdersAsync(bravo.OrganizationId)).PaymentIntentId);
        Assert.StartsWith("pi_sim_", Assert.Single(await OrdersAsync(simulated.OrganizationId)).PaymentIntentId);
    }
}

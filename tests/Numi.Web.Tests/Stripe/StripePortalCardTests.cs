using System.Net;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Portal;

namespace Numi.Web.Tests.Stripe;

/// <summary>The portal's card form of an organization that connected Stripe: Stripe's card field in setup mode (no
/// amount, no card inputs of Numi's own) with Stripe allowed by the page's policy; the payment method Stripe.js posts is
/// kept through (fake) Stripe's SetupIntent, and a card Stripe declines is told inline and changes nothing.</summary>
[Collection(StripeCollection.Name)]
public sealed class StripePortalCardTests(StripeFactory factory)
{
    private static async Task<HttpResponseMessage> PostMethodAsync(Browser browser, PortalShop shop, string paymentMethod)
    {
        var form = await browser.GetFormAsync($"{shop.Home}/subscriptions/{shop.SubscriptionId}/card", "portal-card");
        form.Fields["Input.PaymentMethod"] = paymentMethod;
        form.Fields["Input.Action"] = "save-card";
        return await browser.PostAsync(form);
    }

    private static async Task<string?> DefaultCardAsync(PortalShop shop) =>
        (await shop.Api.GetFromJsonElementAsync($"/api/v1/subscriptions/{shop.SubscriptionId}")).GetProperty("default_payment_method").GetString();

    [Fact]
    public async Task The_card_form_is_Stripes_field_in_setup_mode_and_the_posted_payment_method_is_kept()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        var (_, publishable, _) = await factory.ConnectStripeAsync(shop.OrganizationId);
        using var browser = await factory.SignedInAsync(shop);

        using var response = await browser.Client.GetAsync($"{shop.Home}/subscriptions/{shop.SubscriptionId}/card");
        var page = await Browser.ParseAsync(response);
        var field = page.GetElementById("co-stripe");
        Assert.NotNull(field);
        Assert.Equal((publishable, null, "usd"), (field.GetAttribute("data-stripe-key"), field.GetAttribute("data-amount"), field.GetAttribute("data-currency")));
        Assert.Null(page.QuerySelector("input[name='Input.CardNumber']"));
        Assert.Contains("https://js.stripe.com", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));

        using var declined = await PostMethodAsync(browser, shop, "pm_card_chargeDeclined");
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.NotNull((await Browser.ParseAsync(declined)).GetElementById("payment_method-error"));
        Assert.Equal("pm_card_visa", await DefaultCardAsync(shop));

        using var saved = await PostMethodAsync(browser, shop, "pm_card_mastercard");
        Assert.Equal(shop.Home + "/subscriptions?card=saved", saved.Headers.Location!.PathAndQueryOrOriginal());
        Assert.Equal("pm_card_mastercard", await DefaultCardAsync(shop));
        Assert.Equal(["pm_card_chargeDeclined", "pm_card_mastercard"], factory.Stripe.Posts("/v1/setup_intents").Select(r => r.Field("payment_method")).TakeLast(2));
    }
}

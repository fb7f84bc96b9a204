using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Checkout;

/// <summary>The one-click upsell: offered on the thank-you page, charged to the card just used without typing it
/// again, a second order that follows the first, and never charged twice.</summary>
[Collection(AppCollection.Name)]
public sealed class UpsellTests(NumiFactory factory)
{
    [Fact]
    public async Task An_upsell_that_asks_a_question_the_first_order_did_not_answer_is_not_offered_and_cannot_be_charged()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var upsell = await shop.AddUpsellAsync();
        await shop.Api.PostOkAsync($"/api/v1/offers/{upsell}", JsonSerializer.Serialize(new
        {
            payment_settings = new { custom_fields = new object[] { new { key = "engraving", label = "Engraving", type = "text", required = true } } },
        }));
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);
        using (var paid = await shopper.PostCheckoutAsync(session, CheckoutSteps.Payment())) Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);

        var thanks = await shopper.GetPageAsync(session);
        using var forced = await shopper.Client.PostAsync(session, new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "upsell" }));

        Assert.NotNull(thanks.QuerySelector("[data-testid=order-number]"));
        Assert.Null(thanks.QuerySelector("[data-testid=upsell]"));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().CountAsync(o => o.OrganizationId == shop.OrganizationId)));
    }

    [Fact]
    public async Task A_trial_upsell_keeps_the_saved_card_charges_nothing_and_starts_the_trial()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await shop.AddTrialUpsellAsync(trialDays: 14);
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);
        using (var paid = await shopper.PostCheckoutAsync(session, CheckoutSteps.Payment())) Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);

        using (var accepted = await shopper.SubmitAsync(session, new Dictionary<string, string>(), "upsell")) Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        var upsold = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().SingleAsync(o => o.OrganizationId == shop.OrganizationId && o.ParentOrderId != null));
        Assert.Equal(0, upsold.AmountTotal);
        // The setup that kept the card, not a payment: the simulator's SetupIntent.
        Assert.StartsWith("seti_", upsold.PaymentIntentId);
        var subscription = await factory.WithDbAsync(db => db.Subscriptions.IgnoreQueryFilters().SingleAsync(s => s.OrderId == upsold.Id));
        Assert.Equal((Numi.Core.Subscriptions.SubscriptionStatus.Trialing, 1500L, "pm_card_visa"), (subscription.Status, subscription.Amount, subscription.PaymentMethod));
        Assert.Equal(TimeSpan.FromDays(14), subscription.CurrentPeriodEnd - subscription.CurrentPeriodStart);
    }

    [Fact]
    public async Task Accepting_the_upsell_charges_the_saved_card_once_and_makes_a_second_order_that_follows_the_first()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await shop.AddUpsellAsync();
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);
        using (var paid = await shopper.PostCheckoutAsync(session, CheckoutSteps.Payment())) Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);

        var thanks = await shopper.GetPageAsync(session);
        Assert.Contains("Add the burr grinder", thanks.QuerySelector("[data-testid=upsell]")?.TextContent);
        Assert.Contains("$29.00", thanks.QuerySelector("[data-testid=upsell]")?.TextContent);

        using (var accepted = await shopper.SubmitAsync(session, new Dictionary<string, string>(), "upsell")) Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        // A second click, or a replayed POST, from the still-open form adds nothing more.
        using (var again = await shopper.Client.PostAsync(session, new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "upsell" })))
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var after = await shopper.GetPageAsync(session);

        Assert.Equal("#1002", after.QuerySelector("[data-testid=upsell-order-number]")?.TextContent.Trim());
        Assert.Null(after.QuerySelector("[data-testid=accept-upsell]"));
        var orders = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().Where(o => o.OrganizationId == shop.OrganizationId).OrderBy(o => o.Number).ToListAsync());
        Assert.Equal(2, orders.Count);
        Assert.Equal(orders[0].Id, orders[1].ParentOrderId);
        Assert.Equal(2900, orders[1].AmountTotal);
        Assert.Equal(orders[0].CustomerId, orders[1].CustomerId);
        Assert.NotEqual(orders[0].PaymentIntentId, orders[1].PaymentIntentId);
    }

    [Fact]
    public async Task Without_an_upsell_the_thank_you_page_offers_nothing()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);
        using (var paid = await shopper.PostCheckoutAsync(session, CheckoutSteps.Payment())) Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);

        var thanks = await shopper.GetPageAsync(session);

        Assert.NotNull(thanks.QuerySelector("[data-testid=order-number]"));
        Assert.Null(thanks.QuerySelector("[data-testid=upsell]"));
    }

    [Theory]
    [InlineData("self")]
    [InlineData("eur")]
    public async Task An_upsell_must_be_another_offer_in_the_same_currency(string which)
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var target = shop.OfferId;
        if (which == "eur")
        {
            var euro = await shop.Api.CreatePerUnitPriceAsync(await shop.Api.CreateProductAsync("Mug"), 900, "eur");
            var offer = await shop.Api.PostOkAsync("/api/v1/offers", JsonSerializer.Serialize(new
            {
                name = "Mug", slug = "mug-" + Guid.NewGuid().ToString("N")[..8], currency = "eur",
                slots = new[] { new { key = "mug", name = "Mug", price = euro, required = true } },
            }));
            target = offer.GetProperty("id").GetString()!;
        }

        using var response = await shop.Api.PostJsonAsync($"/api/v1/offers/{shop.OfferId}", JsonSerializer.Serialize(new { upsell_offer = target }));

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "upsell_offer");
    }
}

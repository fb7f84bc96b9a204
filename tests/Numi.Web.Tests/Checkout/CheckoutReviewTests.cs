using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Checkout;

/// <summary>Cases a review found: money must always match the order, whatever the shopper does in between.</summary>
[Collection(AppCollection.Name)]
public sealed class CheckoutReviewTests(NumiFactory factory)
{
    [Theory]
    [InlineData("1230")]
    [InlineData("12 30")]
    [InlineData("12/2030")]
    [InlineData("1/30")]
    public async Task A_phone_keypad_expiry_without_a_slash_pays(string expiry)
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);

        using var paid = await shopper.PostCheckoutAsync(session, CheckoutSteps.Payment(expiry: expiry));

        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
    }

    [Fact]
    public async Task Changing_the_order_while_the_bank_authenticates_never_makes_an_order_larger_than_the_payment()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);
        using (var challenged = await shopper.PostCheckoutAsync(session, CheckoutSteps.Payment(card: "4000 0025 0000 3155")))
            Assert.EndsWith("/authenticate", challenged.Headers.Location?.ToString());

        // The bank page is open in one tab; in another the shopper adds the grinder, then approves the payment made for one bag.
        var bank = await shopper.GetFormAsync(session + "/authenticate", "authenticate");
        bank.Fields["Input.Answer"] = "approve";
        using (var changed = await shopper.PostCheckoutAsync(session, new Dictionary<string, string?>
            { ["Input.Slots[1].Selected"] = "true", ["Input.Action"] = "update" })) { }
        using (var approved = await shopper.PostAsync(bank))
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var page = await shopper.GetPageAsync(session);

        Assert.Null(page.QuerySelector("[data-testid=order-number]"));
        var orders = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().Where(o => o.OrganizationId == shop.OrganizationId).ToListAsync());
        Assert.Empty(orders);
    }

    [Fact]
    public async Task The_upsell_charges_the_card_of_its_own_order_not_the_customers_latest()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await shop.AddUpsellAsync();
        using var first = factory.CreateBrowser();
        var firstSession = await first.StartCheckoutAsync(shop);
        using (var paid = await first.PostCheckoutAsync(firstSession, CheckoutSteps.Payment(card: CheckoutSteps.Visa, email: "same@example.com"))) { }
        using var second = factory.CreateBrowser();
        var secondSession = await second.StartCheckoutAsync(shop);
        using (var paid = await second.PostCheckoutAsync(secondSession, CheckoutSteps.Payment(card: "5555 5555 5555 4444", email: "same@example.com"))) { }

        using (var accepted = await first.SubmitAsync(firstSession, new Dictionary<string, string>(), "upsell")) { }

        var upsellOrder = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().SingleAsync(o => o.OrganizationId == shop.OrganizationId && o.ParentOrderId != null));
        Assert.Equal("visa", upsellOrder.CardBrand);
        Assert.Equal("4242", upsellOrder.CardLast4);
    }

    [Fact]
    public async Task A_name_with_a_control_character_is_refused_before_any_charge()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var session = await shop.Api.PostOkAsync("/api/v1/checkout/sessions", JsonSerializer.Serialize(new { offer = shop.OfferId, customer_email = "a@example.com" }));

        using var response = await shop.Api.PostJsonAsync($"/api/v1/checkout/sessions/{session.GetProperty("id").GetString()}/confirm",
            JsonSerializer.Serialize(new { payment_method = "pm_card_visa", customer_name = "Ann\u0000Lee" }));

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "customer_name");
        Assert.Empty(await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().Where(o => o.OrganizationId == shop.OrganizationId).ToListAsync()));
    }

    [Fact]
    public async Task The_summary_live_region_is_refreshed_in_place()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var page = await shopper.GetPageAsync(await shopper.StartCheckoutAsync(shop));

        var updater = page.QuerySelector("[hx-target='#co-summary']");

        Assert.Equal("innerHTML", updater?.GetAttribute("hx-swap"));
        Assert.Equal("#co-summary > *", updater?.GetAttribute("hx-select"));
        Assert.Equal("polite", page.QuerySelector("#co-summary")?.GetAttribute("aria-live"));
    }
}

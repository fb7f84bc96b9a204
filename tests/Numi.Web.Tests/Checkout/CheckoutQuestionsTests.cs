using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Checkout;

/// <summary>The offer's payment settings at checkout: phone, shipping address and custom questions are asked for,
/// required ones are enforced before any charge, and the answers reach the order.</summary>
[Collection(AppCollection.Name)]
public sealed class CheckoutQuestionsTests(NumiFactory factory)
{
    private static async Task AskAsync(CheckoutShop shop) =>
        await shop.Api.PostOkAsync($"/api/v1/offers/{shop.OfferId}", JsonSerializer.Serialize(new
        {
            payment_settings = new
            {
                collect_phone = true, collect_shipping_address = true,
                custom_fields = new object[]
                {
                    new { key = "gift_note", label = "Gift note", type = "text", required = false },
                    new { key = "grind_size", label = "Grind size (1-40)", type = "number", required = true },
                },
            },
        }));

    [Fact]
    public async Task The_page_asks_refuses_missing_answers_without_charging_and_the_order_keeps_them()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await AskAsync(shop);
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);
        var page = await shopper.GetPageAsync(session);
        Assert.NotNull(page.QuerySelector("#co-phone"));
        Assert.NotNull(page.QuerySelector("#co-Shipping-line1"));
        Assert.NotNull(page.QuerySelector("#co-answer-grind_size"));

        using (var incomplete = await shopper.PostCheckoutAsync(session, CheckoutSteps.Payment()))
        {
            var (refused, _) = await CheckoutSteps.PageAsync(incomplete);
            Assert.Equal("Enter a phone number.", refused.FieldError("customer_phone"));
            Assert.Equal("Enter the city.", refused.FieldError("shipping_address.city"));
            Assert.Equal("Answer 'Grind size (1-40)'.", refused.FieldError("custom_fields.grind_size"));
        }
        Assert.Equal(0, await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().CountAsync(o => o.OrganizationId == shop.OrganizationId)));

        var answers = CheckoutSteps.Payment();
        answers["Input.Phone"] = "+1 555 0100";
        answers["Input.Shipping.Line1"] = "1 Bean Street";
        answers["Input.Shipping.City"] = "Portland";
        answers["Input.Shipping.PostalCode"] = "97201";
        answers["Input.Shipping.Country"] = "us";
        answers["Input.Answers[grind_size]"] = "12";
        answers["Input.Answers[gift_note]"] = "Happy birthday";
        using (var paid = await shopper.PostCheckoutAsync(session, answers)) Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);

        var order = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().SingleAsync(o => o.OrganizationId == shop.OrganizationId));
        Assert.Equal("+1 555 0100", order.Details.Phone);
        Assert.Equal("US", order.Details.ShippingAddress?.Country);
        Assert.Equal("Portland", order.Details.ShippingAddress?.City);
        Assert.Equal("12", order.Details.CustomFields?["grind_size"]);
        Assert.Equal("Happy birthday", order.Details.CustomFields?["gift_note"]);
    }

    [Fact]
    public async Task The_api_refuses_a_bad_number_answer_on_its_parameter()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await AskAsync(shop);
        var session = await shop.Api.PostOkAsync("/api/v1/checkout/sessions", JsonSerializer.Serialize(new { offer = shop.OfferId, customer_email = "a@example.com" }));
        var confirm = $"/api/v1/checkout/sessions/{session.GetProperty("id").GetString()}/confirm";
        object Body(string grind) => new
        {
            payment_method = "pm_card_visa", customer_phone = "555",
            shipping_address = new { line1 = "1 Bean St", city = "Portland", postal_code = "97201", country = "US" },
            custom_fields = new Dictionary<string, string> { ["grind_size"] = grind },
        };

        using var bad = await shop.Api.PostJsonAsync(confirm, JsonSerializer.Serialize(Body("fine")));
        var order = await shop.Api.PostOkAsync(confirm, JsonSerializer.Serialize(Body("20")));

        await bad.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "custom_fields.grind_size");
        Assert.Equal(1001, order.GetProperty("number").GetInt32());
    }
}

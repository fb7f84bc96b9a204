using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>POST /api/v1/checkout/sessions/{id}/confirm with a phone, addresses and answers: only what the offer asks
/// for is kept, and a control character in what it asks for is refused on its parameter.</summary>
[Collection(AppCollection.Name)]
public sealed class CheckoutDetailsApiTests(NumiFactory factory)
{
    private static object Portland(string line1) => new { line1, city = "Portland", postal_code = "97201", country = "US" };

    private static async Task<string> ConfirmUrlAsync(CheckoutShop shop)
    {
        var session = await shop.Api.PostOkAsync("/api/v1/checkout/sessions", JsonSerializer.Serialize(new { offer = shop.OfferId, customer_email = "a@example.com" }));
        return $"/api/v1/checkout/sessions/{session.GetProperty("id").GetString()}/confirm";
    }

    [Fact]
    public async Task Addresses_and_a_phone_the_offer_does_not_ask_for_are_not_stored()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        var confirm = await ConfirmUrlAsync(shop);

        var order = await shop.Api.PostOkAsync(confirm, JsonSerializer.Serialize(new
        {
            payment_method = "pm_card_visa", customer_phone = "+1 555 0199",
            billing_address = Portland("9 Unasked Road"), shipping_address = Portland("7 Unasked\u0000Lane"),
        }));

        Assert.Equal("paid", order.GetProperty("status").GetString());
        var stored = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().SingleAsync(o => o.OrganizationId == shop.OrganizationId));
        Assert.Null(stored.Details.Phone);
        Assert.Null(stored.Details.BillingAddress);
        Assert.Null(stored.Details.ShippingAddress);
        var values = new List<string>();
        foreach (var table in new[] { "checkout_sessions", "orders", "customers" }) values.AddRange(await factory.RawValuesAsync(table, shop.OrganizationId));
        Assert.Contains(values, v => v.Contains("a@example.com", StringComparison.Ordinal));
        Assert.DoesNotContain(values, v => v.Contains("Unasked", StringComparison.Ordinal) || v.Contains("555 0199", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_answer_to_a_question_the_offer_does_not_have_is_still_refused()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);

        using var response = await shop.Api.PostJsonAsync(await ConfirmUrlAsync(shop), JsonSerializer.Serialize(new
        {
            payment_method = "pm_card_visa", custom_fields = new Dictionary<string, string> { ["nope"] = "x" },
        }));

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "custom_fields.nope");
    }

    [Theory]
    [InlineData("billing_address.line1")]
    [InlineData("billing_address.postal_code")]
    [InlineData("custom_fields.company")]
    public async Task A_control_character_in_an_asked_address_or_answer_is_refused_on_its_param(string param)
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await shop.Api.PostOkAsync($"/api/v1/offers/{shop.OfferId}", JsonSerializer.Serialize(new
        {
            payment_settings = new { collect_billing_address = true, custom_fields = new[] { new { key = "company", label = "Company", type = "text", required = false } } },
        }));
        var address = new Dictionary<string, string> { ["line1"] = "1 Bean St", ["city"] = "Portland", ["postal_code"] = "97201", ["country"] = "US" };
        var answers = new Dictionary<string, string> { ["company"] = "Acme" };
        if (param == "custom_fields.company") answers["company"] = "Acme\u001bRoasters";
        else address[param["billing_address.".Length..]] += "\u0000";

        using var response = await shop.Api.PostJsonAsync(await ConfirmUrlAsync(shop), JsonSerializer.Serialize(new
        {
            payment_method = "pm_card_visa", billing_address = address, custom_fields = answers,
        }));

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", param);
        Assert.EndsWith("cannot contain control characters.", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().CountAsync(o => o.OrganizationId == shop.OrganizationId)));
    }
}

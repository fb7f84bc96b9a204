using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Checkout;

/// <summary>The checkout page keeps only the details the offer asks for, whatever the form posts, and refuses control
/// characters in the addresses and answers it asks for with a message on the field.</summary>
[Collection(AppCollection.Name)]
public sealed class CheckoutDetailsInputTests(NumiFactory factory)
{
    private static Task AskAsync(CheckoutShop shop, object paymentSettings) =>
        shop.Api.PostOkAsync($"/api/v1/offers/{shop.OfferId}", JsonSerializer.Serialize(new { payment_settings = paymentSettings }));

    private static void AddAddress(Dictionary<string, string?> form, string prefix, string line1) =>
        (form[$"Input.{prefix}.Line1"], form[$"Input.{prefix}.City"], form[$"Input.{prefix}.PostalCode"], form[$"Input.{prefix}.Country"]) =
        (line1, "Portland", "97201", "US");

    [Fact]
    public async Task A_billing_address_and_phone_the_offer_does_not_ask_for_are_not_stored_when_posted()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await AskAsync(shop, new { collect_shipping_address = true, custom_fields = new[] { new { key = "gift_note", label = "Gift note", type = "text", required = false } } });
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);
        var form = CheckoutSteps.Payment();
        AddAddress(form, "Shipping", "1 Bean Street");
        AddAddress(form, "Billing", "9 Unasked Road");
        form["Input.Phone"] = "+1 555 0199";
        form["Input.Answers[gift_note]"] = "Enjoy";

        using (var paid = await shopper.PostCheckoutAsync(session, form)) Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);

        var order = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().SingleAsync(o => o.OrganizationId == shop.OrganizationId));
        Assert.Equal("1 Bean Street", order.Details.ShippingAddress?.Line1);
        Assert.Equal("Enjoy", order.Details.CustomFields?["gift_note"]);
        Assert.Null(order.Details.BillingAddress);
        Assert.Null(order.Details.Phone);
        var stored = new List<string>();
        foreach (var table in new[] { "checkout_sessions", "orders", "customers" }) stored.AddRange(await factory.RawValuesAsync(table, shop.OrganizationId));
        Assert.Contains(stored, v => v.Contains("1 Bean Street", StringComparison.Ordinal));
        Assert.DoesNotContain(stored, v => v.Contains("Unasked Road", StringComparison.Ordinal) || v.Contains("555 0199", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_control_character_in_an_address_line_or_an_answer_is_shown_on_its_field_and_nothing_is_charged()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await AskAsync(shop, new { collect_billing_address = true, custom_fields = new[] { new { key = "company", label = "Company", type = "text", required = false } } });
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);
        var form = CheckoutSteps.Payment();
        AddAddress(form, "Billing", "1 Bean\u0007Street");
        form["Input.Answers[company]"] = "Acme\u001bRoasters";

        using var refused = await shopper.PostCheckoutAsync(session, form);

        var (page, _) = await CheckoutSteps.PageAsync(refused);
        Assert.Equal("The street address cannot contain control characters.", page.FieldError("billing_address.line1"));
        Assert.Equal("'Company' cannot contain control characters.", page.FieldError("custom_fields.company"));
        Assert.Equal("true", page.GetElementById("co-Billing-line1")?.GetAttribute("aria-invalid"));
        Assert.Equal("true", page.GetElementById("co-answer-company")?.GetAttribute("aria-invalid"));
        Assert.Null(page.FieldError("billing_address.city"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().CountAsync(o => o.OrganizationId == shop.OrganizationId)));
    }

    [Fact]
    public async Task A_nul_that_the_form_reader_refuses_is_a_bad_request_not_a_server_error()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await AskAsync(shop, new { collect_billing_address = true });
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);
        var form = CheckoutSteps.Payment();
        AddAddress(form, "Billing", "1 Bean\u0000Street");

        using var refused = await shopper.PostCheckoutAsync(session, form);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().CountAsync(o => o.OrganizationId == shop.OrganizationId)));
    }

    [Fact]
    public async Task The_upsell_keeps_only_what_it_asks_for_and_is_taxed_where_the_first_order_was()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await AskAsync(shop, new { collect_shipping_address = true });
        await shop.AddUpsellAsync();
        await shop.Api.PostOkAsync("/api/v1/tax_rates", """{"display_name":"Sales tax","country":"US","percentage":10}""");
        using var shopper = factory.CreateBrowser();
        var session = await shopper.StartCheckoutAsync(shop);
        var form = CheckoutSteps.Payment();
        AddAddress(form, "Shipping", "1 Bean Street");
        using (var paid = await shopper.PostCheckoutAsync(session, form)) Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);

        using (var accepted = await shopper.SubmitAsync(session, new Dictionary<string, string>(), "upsell")) Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        var orders = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().Where(o => o.OrganizationId == shop.OrganizationId).OrderBy(o => o.Number).ToListAsync());
        Assert.Equal(2, orders.Count);
        Assert.Equal(("1 Bean Street", 240L), (orders[0].Details.ShippingAddress?.Line1, orders[0].AmountTax));
        Assert.Null(orders[1].Details.ShippingAddress);
        Assert.Equal(290, orders[1].AmountTax);
    }
}

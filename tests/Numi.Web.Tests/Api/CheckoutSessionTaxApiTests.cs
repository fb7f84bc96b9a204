using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>Tax through /api/v1/checkout/sessions: <c>tax_location</c> on create and confirm (where the offer asks
/// for no address), the address deciding where it asks for one, and the <c>tax</c> object naming the rate behind
/// <c>amount_tax</c> on sessions and orders.</summary>
[Collection(AppCollection.Name)]
public sealed class CheckoutSessionTaxApiTests(NumiFactory factory)
{
    private const string Sessions = "/api/v1/checkout/sessions";

    /// <summary>A fresh organization selling one $15.00 bag of coffee, asking for a billing address or not.</summary>
    private sealed record Shop(Guid OrganizationId, HttpClient Client, string Offer) : IDisposable
    {
        public void Dispose() => Client.Dispose();

        public Task<JsonElement> RateAsync(string json) => Client.PostOkAsync("/api/v1/tax_rates", json);

        /// <summary>US sales tax 5% country-wide and 7.25% in California.</summary>
        public async Task UsRatesAsync()
        {
            await RateAsync("""{"display_name":"US sales tax","country":"US","percentage":5}""");
            await RateAsync("""{"display_name":"US-CA sales tax","country":"US","state":"CA","percentage":7.25}""");
        }

        public Task<JsonElement> OpenAsync(string? taxLocation = null) => Client.PostOkAsync(Sessions,
            $$"""{"offer":"{{Offer}}","customer_email":"shopper@example.com"{{(taxLocation is null ? "" : $",\"tax_location\":{taxLocation}")}}}""");

        public Task<HttpResponseMessage> ConfirmAsync(JsonElement session, string extra = "") =>
            Client.PostJsonAsync($"{Sessions}/{Id(session)}/confirm", $$"""{"payment_method":"pm_card_visa"{{extra}}}""");
    }

    private async Task<Shop> ShopAsync(bool collectBillingAddress = false)
    {
        var (organizationId, client) = await factory.NewOrganizationClientAsync();
        var bag = await client.CreatePerUnitPriceAsync(await client.CreateProductAsync("House blend"), 1_500);
        var offer = await client.PostOkAsync("/api/v1/offers",
            $$"""
            {"name":"Coffee","slug":"offer-{{Guid.NewGuid():N}}","currency":"usd","status":"published",
             "payment_settings":{"collect_billing_address":{{(collectBillingAddress ? "true" : "false")}}},
             "slots":[{"key":"coffee","name":"Coffee","price":"{{bag}}","required":true}]}
            """);
        return new Shop(organizationId, client, Id(offer));
    }

    private static string Id(JsonElement resource) => resource.GetProperty("id").GetString()!;

    private static (long Tax, long Total) Amounts(JsonElement resource) =>
        (resource.GetProperty("amount_tax").GetInt64(), resource.GetProperty("amount_total").GetInt64());

    /// <summary>The <c>tax</c> object as (display_name, percentage as written in the JSON, inclusive).</summary>
    private static (string? Name, string Percentage, bool Inclusive) Tax(JsonElement resource)
    {
        var tax = resource.GetProperty("tax");
        Assert.Equal(JsonValueKind.Object, tax.ValueKind);
        return (tax.GetProperty("display_name").GetString(), tax.GetProperty("percentage").GetRawText(), tax.GetProperty("inclusive").GetBoolean());
    }

    private static void Untaxed(JsonElement resource)
    {
        Assert.Equal(0, resource.GetProperty("amount_tax").GetInt64());
        Assert.Equal(JsonValueKind.Null, resource.GetProperty("tax").ValueKind);
    }

    private Task<int> SessionCountAsync(Guid organizationId) =>
        factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().CountAsync(s => s.OrganizationId == organizationId));

    // ---------------------------------------------------------------- create

    [Fact]
    public async Task Create_with_a_state_takes_the_state_rate_over_the_country_rate_and_get_answers_the_same()
    {
        using var shop = await ShopAsync();
        await shop.UsRatesAsync();

        var california = await shop.OpenAsync("""{"country":"us","state":"ca"}""");
        var newYork = await shop.OpenAsync("""{"country":"US","state":"NY"}""");
        var noState = await shop.OpenAsync("""{"country":"US"}""");

        // 15.00 × 7.25% = 1.0875 → 1.09, added on top.
        Assert.Equal((109L, 1_609L), Amounts(california));
        Assert.Equal(("US-CA sales tax", "7.25", false), Tax(california));
        // No rate for New York: the country's 5% applies.
        Assert.Equal((75L, 1_575L), Amounts(newYork));
        Assert.Equal(("US sales tax", "5", false), Tax(newYork));
        Assert.Equal((75L, 1_575L), Amounts(noState));
        var read = await shop.Client.GetFromJsonElementAsync($"{Sessions}/{Id(california)}");
        Assert.True(JsonElement.DeepEquals(california, read), $"POST answered {california} but GET answered {read}");
    }

    [Fact]
    public async Task Create_with_an_inclusive_rate_takes_the_tax_out_of_the_total()
    {
        using var shop = await ShopAsync();
        await shop.RateAsync("""{"display_name":"VAT","country":"GB","percentage":20,"inclusive":true}""");

        var session = await shop.OpenAsync("""{"country":"GB"}""");

        // 15.00 × 20 / 120 = 2.50 inside the 15.00.
        Assert.Equal(1_500, session.GetProperty("amount_subtotal").GetInt64());
        Assert.Equal((250L, 1_500L), Amounts(session));
        Assert.Equal(("VAT", "20", true), Tax(session));
    }

    [Fact]
    public async Task A_session_without_a_location_or_where_the_merchant_has_no_rate_is_untaxed_with_a_null_tax()
    {
        using var shop = await ShopAsync();
        var beforeRates = await shop.OpenAsync("""{"country":"US","state":"CA"}""");
        await shop.UsRatesAsync();

        var noLocation = await shop.OpenAsync();
        var elsewhere = await shop.OpenAsync("""{"country":"FR"}""");

        Untaxed(beforeRates);
        Untaxed(noLocation);
        Untaxed(elsewhere);
        Assert.Equal(1_500, elsewhere.GetProperty("amount_total").GetInt64());
    }

    [Fact]
    public async Task A_tax_exempt_customer_named_on_create_pays_no_tax_and_has_no_tax_object()
    {
        using var shop = await ShopAsync();
        await shop.UsRatesAsync();
        using var first = await shop.ConfirmAsync(await shop.OpenAsync("""{"country":"US"}"""));
        var customer = (await first.JsonAsync()).GetProperty("customer").GetString();
        await shop.Client.PostOkAsync($"/api/v1/customers/{customer}", """{"tax_exempt":"exempt"}""");

        var session = await shop.OpenAsync("""{"country":"US","state":"CA"}""");

        Untaxed(session);
        Assert.Equal(1_500, session.GetProperty("amount_total").GetInt64());
    }

    [Theory]
    [InlineData("""{"country":"USA"}""", "parameter_invalid", "tax_location.country")]
    [InlineData("""{"country":"U1"}""", "parameter_invalid", "tax_location.country")]
    [InlineData("""{"country":"ZZ"}""", "parameter_invalid", "tax_location.country")]
    [InlineData("""{"state":"CA"}""", "parameter_missing", "tax_location.country")]
    [InlineData("""{"country":" "}""", "parameter_missing", "tax_location.country")]
    [InlineData("""{"country":"US","state":"CALI"}""", "parameter_invalid", "tax_location.state")]
    [InlineData("""{"country":"US","state":"C-A"}""", "parameter_invalid", "tax_location.state")]
    public async Task A_malformed_tax_location_is_400_on_its_field_and_opens_no_session(string location, string errorCode, string param)
    {
        using var shop = await ShopAsync();
        await shop.UsRatesAsync();

        using var response = await shop.Client.PostJsonAsync(Sessions, $$"""{"offer":"{{shop.Offer}}","tax_location":{{location}}}""");

        await response.ProblemAsync(HttpStatusCode.BadRequest, errorCode, param);
        Assert.Equal(0, await SessionCountAsync(shop.OrganizationId));
    }

    [Fact]
    public async Task A_tax_location_with_a_selection_and_a_discount_code_taxes_the_discounted_subtotal()
    {
        using var shop = await ShopAsync();
        await shop.UsRatesAsync();
        await shop.Client.PostOkAsync("/api/v1/discount_codes", """{"code":"HALF","percent_off":50}""");
        var offer = await shop.Client.GetFromJsonElementAsync($"/api/v1/offers/{shop.Offer}");
        var bag = offer.GetProperty("slots")[0].GetProperty("price").GetString();

        var session = await shop.Client.PostOkAsync(Sessions,
            $$"""{"offer":"{{shop.Offer}}","selection":{"coffee":{"price":"{{bag}}","quantity":2} },"discount_code":"HALF","tax_location":{"country":"US","state":"CA"} }""");

        // (30.00 − 15.00) × 7.25% = 1.0875 → 1.09.
        Assert.Equal(1_500, session.GetProperty("amount_discount").GetInt64());
        Assert.Equal((109L, 1_609L), Amounts(session));
        Assert.Equal("US-CA sales tax", Tax(session).Name);
    }

    // ---------------------------------------------------------------- confirm and orders

    [Fact]
    public async Task Confirm_with_a_tax_location_taxes_the_order_and_the_order_and_session_name_the_rate()
    {
        using var shop = await ShopAsync();
        await shop.UsRatesAsync();
        var session = await shop.OpenAsync();
        Untaxed(session);

        using var response = await shop.ConfirmAsync(session, ""","tax_location":{"country":"US","state":"CA"}""");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var order = await response.JsonAsync();
        var readOrder = await shop.Client.GetFromJsonElementAsync($"/api/v1/orders/{Id(order)}");
        var listed = (await shop.Client.GetFromJsonElementAsync("/api/v1/orders")).GetProperty("data")[0];
        var readSession = await shop.Client.GetFromJsonElementAsync($"{Sessions}/{Id(session)}");

        Assert.Equal((109L, 1_609L), Amounts(order));
        Assert.Equal(("US-CA sales tax", "7.25", false), Tax(order));
        Assert.Equal(("US-CA sales tax", "7.25", false), Tax(readOrder));
        Assert.Equal(("US-CA sales tax", "7.25", false), Tax(listed));
        Assert.Equal("complete", readSession.GetProperty("status").GetString());
        Assert.Equal((109L, 1_609L), Amounts(readSession));
        Assert.Equal(("US-CA sales tax", "7.25", false), Tax(readSession));
    }

    [Fact]
    public async Task Confirm_without_a_tax_location_keeps_the_one_named_on_create_and_a_new_one_replaces_it()
    {
        using var shop = await ShopAsync();
        await shop.UsRatesAsync();

        using var kept = await shop.ConfirmAsync(await shop.OpenAsync("""{"country":"US","state":"CA"}"""));
        using var replaced = await shop.ConfirmAsync(await shop.OpenAsync("""{"country":"US","state":"CA"}"""), ""","tax_location":{"country":"US"}""");

        var keptOrder = await kept.JsonAsync();
        Assert.Equal((109L, 1_609L), Amounts(keptOrder));
        Assert.Equal("US-CA sales tax", Tax(keptOrder).Name);
        var replacedOrder = await replaced.JsonAsync();
        Assert.Equal((75L, 1_575L), Amounts(replacedOrder));
        Assert.Equal(("US sales tax", "5", false), Tax(replacedOrder));
    }

    [Fact]
    public async Task An_inclusive_rate_on_the_order_reads_inclusive_and_an_untaxed_order_has_a_null_tax()
    {
        using var shop = await ShopAsync();
        await shop.RateAsync("""{"display_name":"VAT","country":"GB","percentage":20,"inclusive":true}""");

        using var vat = await shop.ConfirmAsync(await shop.OpenAsync("""{"country":"GB"}"""));
        using var untaxed = await shop.ConfirmAsync(await shop.OpenAsync());

        var vatOrder = await vat.JsonAsync();
        Assert.Equal((250L, 1_500L), Amounts(vatOrder));
        Assert.Equal(("VAT", "20", true), Tax(vatOrder));
        var untaxedOrder = await untaxed.JsonAsync();
        Untaxed(untaxedOrder);
        Untaxed(await shop.Client.GetFromJsonElementAsync($"/api/v1/orders/{Id(untaxedOrder)}"));
    }

    [Fact]
    public async Task A_malformed_tax_location_on_confirm_is_400_and_leaves_the_session_open()
    {
        using var shop = await ShopAsync();
        await shop.UsRatesAsync();
        var session = await shop.OpenAsync();

        using var response = await shop.ConfirmAsync(session, ""","tax_location":{"country":"US","state":"C A"}""");

        await response.ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid", "tax_location.state");
        var read = await shop.Client.GetFromJsonElementAsync($"{Sessions}/{Id(session)}");
        Assert.Equal("open", read.GetProperty("status").GetString());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().CountAsync(o => o.OrganizationId == shop.OrganizationId)));
    }

    [Fact]
    public async Task Where_the_offer_asks_for_a_billing_address_the_address_decides_over_the_tax_location()
    {
        using var shop = await ShopAsync(collectBillingAddress: true);
        await shop.UsRatesAsync();
        const string newYork = ""","billing_address":{"line1":"1 Main St","city":"Albany","postal_code":"12207","country":"US","state":"NY"}""";

        // Before the address is known the named location prices the session...
        var session = await shop.OpenAsync("""{"country":"US","state":"CA"}""");
        Assert.Equal((109L, 1_609L), Amounts(session));
        Assert.Equal("US-CA sales tax", Tax(session).Name);

        // ...and at payment the billing address wins, even over a tax_location sent with it.
        using var response = await shop.ConfirmAsync(session, newYork + ""","tax_location":{"country":"US","state":"CA"}""");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var order = await response.JsonAsync();
        Assert.Equal((75L, 1_575L), Amounts(order));
        Assert.Equal(("US sales tax", "5", false), Tax(order));

        // Without an address the offer's own check refuses the payment, whatever location was named.
        var other = await shop.OpenAsync("""{"country":"US","state":"CA"}""");
        using var noAddress = await shop.ConfirmAsync(other, ""","tax_location":{"country":"US","state":"CA"}""");
        await noAddress.ProblemAsync(HttpStatusCode.BadRequest, "parameter_missing", "billing_address.line1");
    }
}

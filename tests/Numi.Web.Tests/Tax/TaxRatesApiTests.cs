using System.Net;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Tax;

/// <summary>/api/v1/tax_rates: Stripe's shape, exact decimal percentages, validation with params, tenancy.</summary>
[Collection(AppCollection.Name)]
public sealed class TaxRatesApiTests(NumiFactory factory)
{
    [Fact]
    public async Task A_rate_is_created_read_listed_and_archived_with_its_exact_percentage()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;

        var created = await api.PostOkAsync("/api/v1/tax_rates", """{"display_name":"Sales tax","country":"us","state":"ca","percentage":8.875}""");
        var id = created.GetProperty("id").GetString()!;
        Assert.StartsWith("txr_", id);
        Assert.Equal("tax_rate", created.GetProperty("object").GetString());
        Assert.Equal(("US", "CA", false, true), (created.GetProperty("country").GetString(), created.GetProperty("state").GetString(),
            created.GetProperty("inclusive").GetBoolean(), created.GetProperty("active").GetBoolean()));
        Assert.Equal("8.875", created.GetProperty("percentage").GetRawText());

        var vat = await api.PostOkAsync("/api/v1/tax_rates", """{"display_name":"VAT","country":"GB","percentage":"20","inclusive":true}""");
        Assert.Equal("20", vat.GetProperty("percentage").GetRawText());

        var read = await api.GetFromJsonElementAsync($"/api/v1/tax_rates/{id}");
        Assert.Equal("Sales tax", read.GetProperty("display_name").GetString());

        var archived = await api.PostOkAsync($"/api/v1/tax_rates/{id}", """{"active":false}""");
        Assert.False(archived.GetProperty("active").GetBoolean());
        Assert.Equal("8.875", archived.GetProperty("percentage").GetRawText());

        Assert.Equal([vat.GetProperty("id").GetString()!], (await api.GetFromJsonElementAsync("/api/v1/tax_rates?active=true")).Ids());
        Assert.Equal(2, (await api.GetFromJsonElementAsync("/api/v1/tax_rates")).Ids().Count);
    }

    [Theory]
    [InlineData("""{"country":"US","percentage":5}""", 400, "parameter_missing", "display_name")]
    [InlineData("""{"display_name":"Tax","country":"UK","percentage":5}""", 422, "parameter_invalid", "country")]
    [InlineData("""{"display_name":"Tax","country":"US","state":"CALIF","percentage":5}""", 422, "parameter_invalid", "state")]
    [InlineData("""{"display_name":"Tax","country":"US","percentage":8.87501}""", 422, "parameter_invalid", "percentage")]
    [InlineData("""{"display_name":"Tax","country":"US","percentage":101}""", 422, "parameter_invalid", "percentage")]
    [InlineData("""{"display_name":"Tax","country":"US","percentage":"lots"}""", 400, "parameter_invalid", "percentage")]
    [InlineData("""{"display_name":"Tax","country":"US","percentage":5,"rate":5}""", 400, "parameter_unknown", "rate")]
    public async Task Bad_input_is_a_problem_naming_the_field(string body, int status, string code, string param)
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        using var response = await api.PostJsonAsync("/api/v1/tax_rates", body);
        await response.ProblemAsync((HttpStatusCode)status, code, param);
    }

    [Fact]
    public async Task A_second_active_rate_for_the_same_place_is_refused()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        await api.PostOkAsync("/api/v1/tax_rates", """{"display_name":"VAT","country":"GB","percentage":20,"inclusive":true}""");
        using var response = await api.PostJsonAsync("/api/v1/tax_rates", """{"display_name":"VAT again","country":"GB","percentage":5}""");
        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "country");
    }

    [Fact]
    public async Task Another_organizations_rate_is_not_found_nor_listed()
    {
        var (_, owner) = await factory.NewOrganizationClientAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _owner = owner;
        using var _other = other;
        var id = (await owner.PostOkAsync("/api/v1/tax_rates", """{"display_name":"VAT","country":"GB","percentage":20}""")).GetProperty("id").GetString();

        using var read = await other.GetAsync($"/api/v1/tax_rates/{id}");
        await read.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        using var update = await other.PostJsonAsync($"/api/v1/tax_rates/{id}", """{"active":false}""");
        await update.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        Assert.Empty((await other.GetFromJsonElementAsync("/api/v1/tax_rates")).Ids());
    }

    [Fact]
    public async Task A_customer_is_marked_tax_exempt_through_the_api_and_then_pays_no_tax()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        await api.PostOkAsync("/api/v1/tax_rates", """{"display_name":"VAT","country":"GB","percentage":20}""");
        var price = await api.CreatePerUnitPriceAsync(await api.CreateProductAsync("Tea"), 1000);
        var offer = (await api.PostOkAsync("/api/v1/offers",
            $$"""{"name":"Tea","slug":"tea-{{Guid.NewGuid():N}}","currency":"usd","status":"published","payment_settings":{"collect_billing_address":true},"slots":[{"key":"tea","name":"Tea","price":"{{price}}"}]}""")).GetProperty("id").GetString();
        const string billing = """{"payment_method":"pm_card_visa","billing_address":{"line1":"1 High St","city":"London","postal_code":"N1","country":"GB"}}""";

        async Task<System.Text.Json.JsonElement> BuyAsync()
        {
            var session = await api.PostOkAsync("/api/v1/checkout/sessions", $$"""{"offer":"{{offer}}","customer_email":"ann@example.com"}""");
            return await api.PostOkAsync($"/api/v1/checkout/sessions/{session.GetProperty("id").GetString()}/confirm", billing);
        }

        var taxed = await BuyAsync();
        Assert.Equal((200, 1200), (taxed.GetProperty("amount_tax").GetInt64(), taxed.GetProperty("amount_total").GetInt64()));
        var customer = taxed.GetProperty("customer").GetString();
        Assert.Equal("none", (await api.GetFromJsonElementAsync($"/api/v1/customers/{customer}")).GetProperty("tax_exempt").GetString());

        var exempt = await api.PostOkAsync($"/api/v1/customers/{customer}", """{"tax_exempt":"exempt"}""");
        Assert.Equal("exempt", exempt.GetProperty("tax_exempt").GetString());
        var untaxed = await BuyAsync();
        Assert.Equal((0, 1000), (untaxed.GetProperty("amount_tax").GetInt64(), untaxed.GetProperty("amount_total").GetInt64()));

        using var bad = await api.PostJsonAsync($"/api/v1/customers/{customer}", """{"tax_exempt":"reverse"}""");
        await bad.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "tax_exempt");
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _other = other;
        using var foreign = await other.PostJsonAsync($"/api/v1/customers/{customer}", """{"tax_exempt":"exempt"}""");
        await foreign.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
    }
}

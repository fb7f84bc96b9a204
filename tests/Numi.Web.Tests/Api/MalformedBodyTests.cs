using System.Net;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>Bodies with nulls where objects or lists belong, and requests refused half-way: a clear problem on the
/// parameter, never a 500, and nothing changed.</summary>
[Collection(AppCollection.Name)]
public sealed class MalformedBodyTests(NumiFactory factory)
{
    [Fact]
    public async Task A_null_tier_is_refused_on_its_index()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();

        using var response = await client.PostJsonAsync("/api/v1/prices",
            $$"""{"product":"{{product}}","currency":"usd","type":"one_time","billing_scheme":"tiered","tiers_mode":"graduated","tiers":[null,{"up_to":null,"unit_amount":300}]}""");

        await response.ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid", "tiers[0]");
        Assert.Empty(await client.PriceIdsAsync(product));
    }

    [Fact]
    public async Task A_tiers_mode_on_a_per_unit_price_is_refused()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();

        using var response = await client.PostJsonAsync("/api/v1/prices",
            $$"""{"product":"{{product}}","currency":"usd","type":"one_time","billing_scheme":"per_unit","unit_amount":500,"tiers_mode":"volume"}""");

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "tiers_mode");
        Assert.Empty(await client.PriceIdsAsync(product));
    }

    [Fact]
    public async Task A_null_slot_is_refused_on_its_index()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;

        using var response = await client.PostJsonAsync("/api/v1/offers", """{"name":"Club","slug":"club","currency":"usd","slots":[null]}""");

        await response.ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid", "slots[0]");
        Assert.Empty((await client.GetFromJsonElementAsync("/api/v1/offers")).Ids());
    }

    [Theory]
    [InlineData("design", """{"bullets":null}""", "design.bullets")]
    [InlineData("design", """{"bullets":[null]}""", "design.bullets[0]")]
    [InlineData("payment_settings", """{"custom_fields":null}""", "payment_settings.custom_fields")]
    [InlineData("payment_settings", """{"custom_fields":[null]}""", "payment_settings.custom_fields[0]")]
    public async Task Null_lists_and_list_items_in_offer_settings_are_refused(string section, string settings, string param)
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;

        using var response = await client.PostJsonAsync("/api/v1/offers", $$"""{"name":"Club","slug":"club","currency":"usd","{{section}}":{{settings}}}""");

        await response.ProblemAsync(HttpStatusCode.BadRequest, "parameter_missing", param);
        Assert.Empty((await client.GetFromJsonElementAsync("/api/v1/offers")).Ids());
    }

    [Fact]
    public async Task A_refused_archive_keeps_the_nickname_sent_with_it()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();
        var price = await client.CreatePerUnitPriceAsync(product, 500);
        await client.PostOkAsync("/api/v1/offers",
            $$"""{"name":"Club","slug":"club","currency":"usd","status":"published","slots":[{"key":"beans","name":"Beans","price":"{{price}}"}]}""");

        using var response = await client.PostJsonAsync($"/api/v1/prices/{price}", """{"nickname":"Renamed","active":false}""");

        await response.ProblemAsync(HttpStatusCode.Conflict, "state_conflict", "id");
        var read = await client.GetFromJsonElementAsync($"/api/v1/prices/{price}");
        Assert.NotEqual("Renamed", read.GetProperty("nickname").GetString());
        Assert.True(read.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_product_an_offer_sells_cannot_be_archived()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var product = await client.CreateProductAsync();
        var price = await client.CreatePerUnitPriceAsync(product, 500);
        await client.PostOkAsync("/api/v1/offers",
            $$"""{"name":"Club","slug":"club","currency":"usd","status":"published","slots":[{"key":"beans","name":"Beans","price":"{{price}}"}]}""");

        using var response = await client.PostJsonAsync($"/api/v1/products/{product}", """{"active":false}""");

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict, "state_conflict", "active");
        Assert.Contains("Club", problem.GetProperty("detail").GetString());
        Assert.True((await client.GetFromJsonElementAsync($"/api/v1/products/{product}")).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_slot_without_a_default_quantity_starts_at_its_minimum()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var price = await client.CreatePerUnitPriceAsync(await client.CreateProductAsync(), 500);

        var offer = await client.PostOkAsync("/api/v1/offers",
            $$"""{"name":"Club","slug":"club","currency":"usd","slots":[{"key":"beans","name":"Beans","price":"{{price}}","min_quantity":5}]}""");

        var slot = offer.GetProperty("slots")[0];
        Assert.Equal(5, slot.GetProperty("min_quantity").GetInt32());
        Assert.Equal(5, slot.GetProperty("quantity").GetInt32());
    }
}

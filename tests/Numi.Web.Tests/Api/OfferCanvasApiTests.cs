using System.Net;
using System.Text.Json;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>GET and POST /api/v1/offers/{id}/canvas: the canvas's state priced by the server, one change at a time made
/// from a version, a stale version refused with 409.</summary>
[Collection(AppCollection.Name)]
public sealed class OfferCanvasApiTests(NumiFactory factory)
{
    [Fact]
    public async Task The_canvas_lists_the_palette_and_prices_lines_and_order_bumps_with_the_pricing_engine()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _c = client;
        var (offer, coffee, tiered) = await OfferWithPricesAsync(client);

        var canvas = await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}/canvas");
        var palette = canvas.GetProperty("palette").EnumerateArray().ToList();
        Assert.Equal(["Coffee beans", "Grinder"], palette.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal([coffee], palette[0].GetProperty("prices").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        var state = canvas.GetProperty("state");
        Assert.Empty(state.GetProperty("slots").EnumerateArray());
        Assert.Equal(0, state.GetProperty("total").GetInt64());

        state = await ChangeAsync(client, offer, state, """{"kind":"add_line","price":"%price%"}""".Replace("%price%", coffee));
        state = await ChangeAsync(client, offer, state, """{"kind":"add_order_bump","price":"%price%"}""".Replace("%price%", tiered));

        var slots = state.GetProperty("slots").EnumerateArray().ToList();
        Assert.Equal(["coffee_beans", "grinder"], slots.Select(s => s.GetProperty("key").GetString()));
        Assert.Equal([false, true], slots.Select(s => s.GetProperty("order_bump").GetBoolean()));
        // Graduated: 1 unit of the first tier at $5.00 plus its $2.00 flat amount.
        Assert.Equal(700, slots[1].GetProperty("amount").GetInt64());
        Assert.Equal(1800, state.GetProperty("total").GetInt64());
        Assert.Equal(2500, state.GetProperty("total_with_order_bumps").GetInt64());
        Assert.Equal(state.GetProperty("version").GetInt64(), (await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}/canvas")).GetProperty("state").GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_price_dropped_on_a_slot_becomes_a_choice_and_slots_move_and_leave()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _c = client;
        var (offer, coffee, tiered) = await OfferWithPricesAsync(client);
        var state = (await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}/canvas")).GetProperty("state");
        state = await ChangeAsync(client, offer, state, $$"""{"kind":"add_line","price":"{{coffee}}"}""");
        state = await ChangeAsync(client, offer, state, $$"""{"kind":"add_line","price":"{{coffee}}"}""");

        state = await ChangeAsync(client, offer, state, $$"""{"kind":"add_option","price":"{{tiered}}","slot":"coffee_beans"}""");
        Assert.Equal([coffee, tiered], state.GetProperty("slots")[0].GetProperty("options").EnumerateArray().Select(o => o.GetProperty("price").GetString()));
        state = await ChangeAsync(client, offer, state, """{"kind":"move","slot":"coffee_beans_2","to":0}""");
        Assert.Equal(["coffee_beans_2", "coffee_beans"], Keys(state));
        state = await ChangeAsync(client, offer, state, """{"kind":"remove","slot":"coffee_beans"}""");
        Assert.Equal(["coffee_beans_2"], Keys(state));
        Assert.Equal(1800, state.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_change_from_a_stale_version_is_a_409_and_changes_nothing()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _c = client;
        var (offer, coffee, tiered) = await OfferWithPricesAsync(client);
        var opened = (await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}/canvas")).GetProperty("state");
        // Another tab saves first, from the same version.
        await ChangeAsync(client, offer, opened, $$"""{"kind":"add_line","price":"{{coffee}}"}""");

        using var stale = await client.PostJsonAsync($"/api/v1/offers/{offer}/canvas",
            $$"""{"version":{{opened.GetProperty("version").GetInt64()}},"kind":"add_order_bump","price":"{{tiered}}"}""");

        await stale.ProblemAsync(HttpStatusCode.Conflict, "version_conflict", "version");
        Assert.Equal(["coffee_beans"], Keys((await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}/canvas")).GetProperty("state")));
    }

    [Fact]
    public Task Of_two_changes_at_once_from_one_version_one_is_saved_and_the_other_refused() => RaceAsync(factory);

    /// <summary>Two tabs drop at the same moment from the same version: the offer's row lock lets one through, and the
    /// other then finds the new version.</summary>
    internal static async Task RaceAsync(NumiFactory app)
    {
        var (_, client) = await app.NewOrganizationClientAsync();
        using var _c = client;
        var (offer, coffee, tiered) = await OfferWithPricesAsync(client);
        var version = (await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}/canvas")).GetProperty("state").GetProperty("version").GetInt64();

        var answers = await Task.WhenAll(
            client.PostJsonAsync($"/api/v1/offers/{offer}/canvas", $$"""{"version":{{version}},"kind":"add_line","price":"{{coffee}}"}"""),
            client.PostJsonAsync($"/api/v1/offers/{offer}/canvas", $$"""{"version":{{version}},"kind":"add_order_bump","price":"{{tiered}}"}"""));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        foreach (var answer in answers) answer.Dispose();
        Assert.Single((await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}/canvas")).GetProperty("state").GetProperty("slots").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"version":1,"kind":"add_line","price":"prod_nope"}""", HttpStatusCode.BadRequest, "parameter_invalid", "price")]
    [InlineData("""{"version":%v%,"kind":"add_line","price":"price_0000000000000000000000000000000a"}""", HttpStatusCode.UnprocessableEntity, "parameter_invalid", "price")]
    [InlineData("""{"kind":"add_line","price":"price_0000000000000000000000000000000a"}""", HttpStatusCode.BadRequest, "parameter_missing", "version")]
    [InlineData("""{"version":%v%}""", HttpStatusCode.BadRequest, "parameter_missing", "kind")]
    [InlineData("""{"version":%v%,"kind":"add_line"}""", HttpStatusCode.BadRequest, "parameter_missing", "price")]
    [InlineData("""{"version":%v%,"kind":"move","slot":"teapot","to":0}""", HttpStatusCode.NotFound, "resource_missing", "slot")]
    [InlineData("""{"version":%v%,"kind":"add_line","colour":"red"}""", HttpStatusCode.BadRequest, "parameter_unknown", "colour")]
    public async Task A_bad_change_is_a_problem_naming_its_field_and_nothing_changes(string body, HttpStatusCode status, string code, string param)
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _c = client;
        var (offer, _, _) = await OfferWithPricesAsync(client);
        var version = (await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}/canvas")).GetProperty("state").GetProperty("version").GetInt64();

        using var response = await client.PostJsonAsync($"/api/v1/offers/{offer}/canvas", body.Replace("%v%", version.ToString()));

        await response.ProblemAsync(status, code, param);
        Assert.Empty((await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}/canvas")).GetProperty("state").GetProperty("slots").EnumerateArray());
    }

    [Fact]
    public async Task Another_organizations_offer_and_prices_are_out_of_reach()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _c = client;
        using var _o = other;
        var (offer, coffee, _) = await OfferWithPricesAsync(client);
        var (otherOffer, _, _) = await OfferWithPricesAsync(other);
        var version = (await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}/canvas")).GetProperty("state").GetProperty("version").GetInt64();

        using var read = await other.GetAsync($"/api/v1/offers/{offer}/canvas");
        await read.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        using var write = await other.PostJsonAsync($"/api/v1/offers/{offer}/canvas", $$"""{"version":{{version}},"kind":"add_line","price":"{{coffee}}"}""");
        await write.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        // The other organization's own offer cannot take this organization's price either.
        var otherVersion = (await other.GetFromJsonElementAsync($"/api/v1/offers/{otherOffer}/canvas")).GetProperty("state").GetProperty("version").GetInt64();
        using var borrowed = await other.PostJsonAsync($"/api/v1/offers/{otherOffer}/canvas", $$"""{"version":{{otherVersion}},"kind":"add_line","price":"{{coffee}}"}""");
        await borrowed.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "price");

        Assert.Empty((await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}/canvas")).GetProperty("state").GetProperty("slots").EnumerateArray());
    }

    [Fact]
    public async Task The_merchant_app_changes_the_canvas_with_the_cookie_and_its_token_and_a_forged_request_changes_nothing()
    {
        var (owner, _) = await factory.SignedUpOwnerAsync();
        using var _o = owner;
        var product = (await owner.PostApiOkAsync("/api/v1/products", """{"name":"Mug"}""")).GetProperty("id").GetString();
        var price = (await owner.PostApiOkAsync("/api/v1/prices",
            $$"""{"product":"{{product}}","currency":"usd","type":"one_time","billing_scheme":"per_unit","unit_amount":900}""")).GetProperty("id").GetString();
        var offer = (await owner.PostApiOkAsync("/api/v1/offers", $$"""{"name":"Mugs","slug":"{{Slug()}}","currency":"usd"}""")).GetProperty("id").GetString();
        var version = (await owner.GetApiOkAsync($"/api/v1/offers/{offer}/canvas")).GetProperty("state").GetProperty("version").GetInt64();
        var change = $$"""{"version":{{version}},"kind":"add_line","price":"{{price}}"}""";

        await owner.AssertRefusedWithoutTokenAsync(HttpMethod.Post, $"/api/v1/offers/{offer}/canvas", change);
        Assert.Equal(900, (await owner.PostApiOkAsync($"/api/v1/offers/{offer}/canvas", change)).GetProperty("total").GetInt64());
    }

    internal static async Task<JsonElement> ChangeAsync(HttpClient client, string offer, JsonElement state, string change) =>
        await client.PostOkAsync($"/api/v1/offers/{offer}/canvas",
            change.Insert(1, $"\"version\":{state.GetProperty("version").GetInt64()},"));

    /// <summary>An empty USD offer, a $18.00 coffee price, a graduated grinder price ($5.00 a unit + $2.00 flat for the
    /// first five) and a EUR price the palette must leave out.</summary>
    internal static async Task<(string Offer, string Coffee, string Tiered)> OfferWithPricesAsync(HttpClient client)
    {
        var coffee = await client.CreatePerUnitPriceAsync(await client.CreateProductAsync("Coffee beans"), 1800);
        var grinder = await client.CreateProductAsync("Grinder");
        var tiered = (await client.PostOkAsync("/api/v1/prices", $$"""
            {"product":"{{grinder}}","currency":"usd","type":"one_time","billing_scheme":"tiered","tiers_mode":"graduated",
             "tiers":[{"up_to":5,"unit_amount":500,"flat_amount":200},{"up_to":null,"unit_amount":300}]}
            """)).GetProperty("id").GetString()!;
        await client.CreatePerUnitPriceAsync(grinder, 4000, "eur");
        var offer = await client.PostOkAsync("/api/v1/offers", $$"""{"name":"Coffee club","slug":"{{Slug()}}","currency":"usd"}""");
        return (offer.GetProperty("id").GetString()!, coffee, tiered);
    }

    private static string Slug() => "canvas-" + Guid.NewGuid().ToString("N")[..10];

    internal static List<string> Keys(JsonElement state) =>
        state.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("key").GetString()!).ToList();
}

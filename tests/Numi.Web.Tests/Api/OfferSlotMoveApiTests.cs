using System.Net;
using System.Text.Json;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>POST /api/v1/offers/{id}/slots/{key}/move: the offer editor's up and down arrows (Core's MoveOfferSlot), with
/// a key or with the sign-in cookie and its antiforgery token.</summary>
[Collection(AppCollection.Name)]
public sealed class OfferSlotMoveApiTests(NumiFactory factory)
{
    [Fact]
    public async Task A_slot_moves_down_and_up_and_stays_put_at_either_end()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _c = client;
        var offer = await ThreeSlotOfferAsync(client.PostOkAsync);

        var moved = await client.PostOkAsync($"/api/v1/offers/{offer}/slots/coffee/move", """{"direction":"down"}""");
        Assert.Equal(["grinder", "coffee", "mug"], Keys(moved));
        Assert.Equal(["grinder", "coffee", "mug"], Keys(await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}")));
        var orders = moved.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("sort_order").GetInt32()).ToList();
        Assert.Equal(orders.Order(), orders);

        Assert.Equal(["grinder", "mug", "coffee"], Keys(await client.PostOkAsync($"/api/v1/offers/{offer}/slots/mug/move", """{"direction":"up"}""")));
        Assert.Equal(["grinder", "mug", "coffee"], Keys(await client.PostOkAsync($"/api/v1/offers/{offer}/slots/grinder/move", """{"direction":"up"}""")));
        Assert.Equal(["grinder", "mug", "coffee"], Keys(await client.PostOkAsync($"/api/v1/offers/{offer}/slots/coffee/move", """{"direction":"down"}""")));
    }

    [Theory]
    [InlineData("{}", "parameter_missing", "direction")]
    [InlineData("""{"direction":"sideways"}""", "parameter_invalid", "direction")]
    [InlineData("""{"direction":1}""", "parameter_invalid", "direction")]
    [InlineData("""{"direction":"up","position":0}""", "parameter_unknown", "position")]
    public async Task A_bad_direction_is_a_problem_naming_the_field_and_nothing_moves(string body, string code, string param)
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _c = client;
        var offer = await ThreeSlotOfferAsync(client.PostOkAsync);

        using var response = await client.PostJsonAsync($"/api/v1/offers/{offer}/slots/mug/move", body);

        await response.ProblemAsync(HttpStatusCode.BadRequest, code, param);
        Assert.Equal(["coffee", "grinder", "mug"], Keys(await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}")));
    }

    [Fact]
    public async Task An_unknown_slot_and_another_organizations_offer_are_not_found()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _c = client;
        using var _o = other;
        var offer = await ThreeSlotOfferAsync(client.PostOkAsync);

        using var unknown = await client.PostJsonAsync($"/api/v1/offers/{offer}/slots/teapot/move", """{"direction":"up"}""");
        await unknown.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "key");
        using var foreign = await other.PostJsonAsync($"/api/v1/offers/{offer}/slots/mug/move", """{"direction":"up"}""");
        await foreign.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");

        Assert.Equal(["coffee", "grinder", "mug"], Keys(await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}")));
    }

    [Fact]
    public async Task The_merchant_app_moves_a_slot_with_the_cookie_and_its_token_and_a_forged_request_moves_nothing()
    {
        var (owner, _) = await factory.SignedUpOwnerAsync();
        using var _o = owner;
        var offer = await ThreeSlotOfferAsync(owner.PostApiOkAsync);

        await owner.AssertRefusedWithoutTokenAsync(HttpMethod.Post, $"/api/v1/offers/{offer}/slots/mug/move", """{"direction":"up"}""");
        Assert.Equal(["coffee", "grinder", "mug"], Keys(await owner.GetApiOkAsync($"/api/v1/offers/{offer}")));

        Assert.Equal(["coffee", "mug", "grinder"], Keys(await owner.PostApiOkAsync($"/api/v1/offers/{offer}/slots/mug/move", """{"direction":"up"}""")));
    }

    /// <summary>An offer with slots coffee, grinder and mug in that order, made through <paramref name="post"/>.</summary>
    private static async Task<string> ThreeSlotOfferAsync(Func<string, string, Task<JsonElement>> post)
    {
        var slots = new List<string>();
        foreach (var (key, amount) in new[] { ("coffee", 1800), ("grinder", 4500), ("mug", 900) })
        {
            var product = (await post("/api/v1/products", $$"""{"name":"{{key}}"}""")).GetProperty("id").GetString();
            var price = (await post("/api/v1/prices",
                $$"""{"product":"{{product}}","currency":"usd","type":"one_time","billing_scheme":"per_unit","unit_amount":{{amount}}}""")).GetProperty("id").GetString();
            slots.Add($$"""{"key":"{{key}}","name":"{{key}}","price":"{{price}}","required":false}""");
        }
        var offer = await post("/api/v1/offers",
            $$"""{"name":"Coffee club","slug":"offer-{{Guid.NewGuid().ToString("N")[..10]}}","currency":"usd","slots":[{{string.Join(',', slots)}}]}""");
        return offer.GetProperty("id").GetString()!;
    }

    private static List<string> Keys(JsonElement offer) =>
        offer.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("key").GetString()!).ToList();
}

using System.Net;
using System.Text.Json;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>/api/v1/offers through HTTP: an offer with its slots in one go, slugs and slot keys, currencies,
/// publishing, design and the slot endpoints.</summary>
[Collection(AppCollection.Name)]
public sealed class OffersApiTests(NumiFactory factory)
{
    [Fact]
    public async Task Published_offer_with_two_slots_round_trips()
    {
        var (client, coffee, grinder) = await ShopAsync();
        using var _client = client;
        var slug = NewSlug();

        var created = await client.PostOkAsync("/api/v1/offers", OfferBody(slug, coffee, grinder));
        var id = created.GetProperty("id").GetString()!;
        var read = await client.GetFromJsonElementAsync($"/api/v1/offers/{id}");

        Assert.StartsWith("offer_", id);
        Assert.Equal("offer", created.GetProperty("object").GetString());
        Assert.Equal("Coffee club", created.GetProperty("name").GetString());
        Assert.Equal(slug, created.GetProperty("slug").GetString());
        Assert.Equal("usd", created.GetProperty("currency").GetString());
        Assert.Equal("published", created.GetProperty("status").GetString());
        var slots = created.GetProperty("slots").EnumerateArray().ToList();
        Assert.Equal(2, slots.Count);
        Assert.Equal("coffee", slots[0].GetProperty("key").GetString());
        Assert.Equal("Coffee", slots[0].GetProperty("name").GetString());
        Assert.Equal(coffee, slots[0].GetProperty("price").GetString());
        Assert.True(slots[0].GetProperty("required").GetBoolean());
        Assert.False(slots[0].GetProperty("order_bump").GetBoolean());
        Assert.Equal(1, slots[0].GetProperty("quantity").GetInt32());
        Assert.Equal("grinder", slots[1].GetProperty("key").GetString());
        Assert.Equal(grinder, slots[1].GetProperty("price").GetString());
        Assert.False(slots[1].GetProperty("required").GetBoolean());
        Assert.True(slots[1].GetProperty("order_bump").GetBoolean());
        Assert.True(slots[0].GetProperty("sort_order").GetInt32() < slots[1].GetProperty("sort_order").GetInt32());
        Assert.True(JsonElement.DeepEquals(created, read), $"POST answered {created} but GET answered {read}");
    }

    [Fact]
    public async Task List_filters_by_status()
    {
        var (client, coffee, grinder) = await ShopAsync();
        using var _client = client;
        var published = (await client.PostOkAsync("/api/v1/offers", OfferBody(NewSlug(), coffee, grinder))).GetProperty("id").GetString()!;
        var draft = (await client.PostOkAsync("/api/v1/offers",
            $$"""{"name":"Draft","slug":"{{NewSlug()}}","currency":"usd"}""")).GetProperty("id").GetString()!;

        var publishedList = await client.GetFromJsonElementAsync("/api/v1/offers?status=published");
        var draftList = await client.GetFromJsonElementAsync("/api/v1/offers?status=draft");
        var all = await client.GetFromJsonElementAsync("/api/v1/offers");
        using var bad = await client.GetAsync("/api/v1/offers?status=live");

        Assert.Equal([published], publishedList.Ids());
        Assert.Equal([draft], draftList.Ids());
        Assert.Equal([draft, published], all.Ids());
        Assert.Equal("draft", draftList.GetProperty("data")[0].GetProperty("status").GetString());
        await bad.ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid", "status");
    }

    [Fact]
    public async Task Duplicate_slug_is_422_on_slug_and_only_one_offer_exists()
    {
        var (client, coffee, grinder) = await ShopAsync();
        using var _client = client;
        var slug = NewSlug();
        var first = (await client.PostOkAsync("/api/v1/offers", OfferBody(slug, coffee, grinder))).GetProperty("id").GetString()!;

        using var duplicate = await client.PostJsonAsync("/api/v1/offers", $$"""{"name":"Copy","slug":"{{slug}}","currency":"usd"}""");
        var all = await client.GetFromJsonElementAsync("/api/v1/offers");

        await duplicate.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "slug");
        Assert.Equal([first], all.Ids());
    }

    [Fact]
    public async Task Duplicate_slot_key_is_refused_on_the_second_slot_and_nothing_is_saved()
    {
        var (client, coffee, grinder) = await ShopAsync();
        using var _client = client;

        using var response = await client.PostJsonAsync("/api/v1/offers",
            $$"""{"name":"Coffee club","slug":"{{NewSlug()}}","currency":"usd","slots":[{"key":"coffee","name":"Coffee","price":"{{coffee}}"},{"key":"coffee","name":"Grinder","price":"{{grinder}}","required":false}]}""");
        var all = await client.GetFromJsonElementAsync("/api/v1/offers");

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "slots[1].key");
        Assert.Empty(all.Ids());
    }

    [Fact]
    public async Task Slot_price_in_another_currency_is_refused_on_its_price_and_nothing_is_saved()
    {
        var (client, _, _) = await ShopAsync();
        using var _client = client;
        var euros = await client.CreatePerUnitPriceAsync(await client.CreateProductAsync("Euro beans"), 1200, "eur");

        using var response = await client.PostJsonAsync("/api/v1/offers",
            $$"""{"name":"Coffee club","slug":"{{NewSlug()}}","currency":"usd","status":"published","slots":[{"key":"coffee","name":"Coffee","price":"{{euros}}","required":true,"quantity":1}]}""");
        var all = await client.GetFromJsonElementAsync("/api/v1/offers");

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "slots[0].price");
        Assert.Empty(all.Ids());
    }

    [Fact]
    public async Task Slot_with_unknown_or_foreign_price_is_refused_on_its_price()
    {
        var (client, coffee, _) = await ShopAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        using var _other = other;
        var foreign = await other.CreatePerUnitPriceAsync(await other.CreateProductAsync(), 500);

        using var unknown = await client.PostJsonAsync("/api/v1/offers",
            $$"""{"name":"A","slug":"{{NewSlug()}}","currency":"usd","slots":[{"key":"coffee","name":"Coffee","price":"{{coffee}}"},{"key":"extra","name":"Extra","price":"price_{{Guid.NewGuid():N}}"}]}""");
        using var foreignSlot = await client.PostJsonAsync("/api/v1/offers",
            $$"""{"name":"B","slug":"{{NewSlug()}}","currency":"usd","slots":[{"key":"coffee","name":"Coffee","price":"{{foreign}}"}]}""");
        using var malformed = await client.PostJsonAsync("/api/v1/offers",
            $$"""{"name":"C","slug":"{{NewSlug()}}","currency":"usd","slots":[{"key":"coffee","name":"Coffee","price":"prod_123"}]}""");
        var all = await client.GetFromJsonElementAsync("/api/v1/offers");

        await unknown.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "slots[1].price");
        await foreignSlot.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "slots[0].price");
        await malformed.ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid", "slots[0].price");
        Assert.Empty(all.Ids());
    }

    [Fact]
    public async Task Publishing_without_slots_is_409_on_create_and_on_update()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;

        using var create = await client.PostJsonAsync("/api/v1/offers",
            $$"""{"name":"Empty","slug":"{{NewSlug()}}","currency":"usd","status":"published"}""");
        var listAfterCreate = await client.GetFromJsonElementAsync("/api/v1/offers");
        var draft = (await client.PostOkAsync("/api/v1/offers",
            $$"""{"name":"Empty","slug":"{{NewSlug()}}","currency":"usd"}""")).GetProperty("id").GetString()!;
        using var publish = await client.PostJsonAsync($"/api/v1/offers/{draft}", """{"status":"published"}""");
        var read = await client.GetFromJsonElementAsync($"/api/v1/offers/{draft}");

        await create.ProblemAsync(HttpStatusCode.Conflict, "state_conflict", "status");
        Assert.Empty(listAfterCreate.Ids());
        await publish.ProblemAsync(HttpStatusCode.Conflict, "state_conflict", "status");
        Assert.Equal("draft", read.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Design_round_trips()
    {
        var (client, offer) = await PublishedOfferAsync();
        using var _client = client;

        var updated = await client.PostOkAsync($"/api/v1/offers/{offer}",
            """{"design":{"brand_color":"#112233","headline":"Hi","bullets":["a","b"]}}""");
        var read = await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}");

        var design = read.GetProperty("design");
        Assert.Equal("#112233", design.GetProperty("brand_color").GetString());
        Assert.Equal("Hi", design.GetProperty("headline").GetString());
        Assert.Equal(["a", "b"], design.GetProperty("bullets").EnumerateArray().Select(b => b.GetString()!).ToList());
        Assert.False(string.IsNullOrEmpty(design.GetProperty("button_label").GetString()));
        Assert.True(JsonElement.DeepEquals(updated.GetProperty("design"), design), $"POST answered {updated} but GET answered {read}");
        Assert.Equal("published", read.GetProperty("status").GetString());
        Assert.Equal(2, read.GetProperty("slots").GetArrayLength());
    }

    [Theory]
    [InlineData("#12345")]
    [InlineData("red")]
    [InlineData("#GGGGGG")]
    public async Task Bad_brand_colour_is_422_and_the_design_stays(string colour)
    {
        var (client, offer) = await PublishedOfferAsync();
        using var _client = client;
        await client.PostOkAsync($"/api/v1/offers/{offer}", """{"design":{"brand_color":"#112233","headline":"Hi"}}""");

        using var response = await client.PostJsonAsync($"/api/v1/offers/{offer}",
            $$$"""{"name":"Renamed","design":{"brand_color":"{{{colour}}}","headline":"Changed"}}""");
        var read = await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}");

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "design.brand_color");
        Assert.Equal("#112233", read.GetProperty("design").GetProperty("brand_color").GetString());
        Assert.Equal("Hi", read.GetProperty("design").GetProperty("headline").GetString());
        Assert.Equal("Coffee club", read.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Bad_brand_colour_on_create_is_422_and_nothing_is_saved()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;

        using var response = await client.PostJsonAsync("/api/v1/offers",
            $$$"""{"name":"Coffee","slug":"{{{NewSlug()}}}","currency":"usd","design":{"brand_color":"blue"}}""");
        var all = await client.GetFromJsonElementAsync("/api/v1/offers");

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "design.brand_color");
        Assert.Empty(all.Ids());
    }

    [Fact]
    public async Task A_slot_is_added_then_removed_through_the_slot_endpoints()
    {
        var (client, offer) = await PublishedOfferAsync();
        using var _client = client;
        var mug = await client.CreatePerUnitPriceAsync(await client.CreateProductAsync("Mug"), 900);

        using var add = await client.PostJsonAsync($"/api/v1/offers/{offer}/slots",
            $$"""{"key":"mug","name":"Mug","price":"{{mug}}","required":false}""");
        var afterAdd = await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}");

        Assert.True(add.StatusCode == HttpStatusCode.OK, $"POST /offers/{{id}}/slots: {(int)add.StatusCode} {await add.Content.ReadAsStringAsync()}");
        Assert.Equal(["coffee", "grinder", "mug"], Keys(await add.JsonAsync()));
        Assert.Equal(["coffee", "grinder", "mug"], Keys(afterAdd));
        var slot = afterAdd.GetProperty("slots")[2];
        Assert.Equal(mug, slot.GetProperty("price").GetString());
        Assert.True(slot.GetProperty("order_bump").GetBoolean());

        using var remove = await client.DeleteAsync($"/api/v1/offers/{offer}/slots/mug");
        var afterRemove = await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}");

        Assert.True(remove.StatusCode == HttpStatusCode.OK, await remove.Content.ReadAsStringAsync());
        Assert.Equal(["coffee", "grinder"], Keys(await remove.JsonAsync()));
        Assert.Equal(["coffee", "grinder"], Keys(afterRemove));
    }

    [Fact]
    public async Task A_slot_is_removed_through_the_slot_endpoint()
    {
        var (client, offer) = await PublishedOfferAsync();
        using var _client = client;

        using var remove = await client.DeleteAsync($"/api/v1/offers/{offer}/slots/grinder");
        var afterRemove = await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}");
        using var removeAgain = await client.DeleteAsync($"/api/v1/offers/{offer}/slots/grinder");

        Assert.True(remove.StatusCode == HttpStatusCode.OK, await remove.Content.ReadAsStringAsync());
        Assert.Equal(["coffee"], Keys(await remove.JsonAsync()));
        Assert.Equal(["coffee"], Keys(afterRemove));
        await removeAgain.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "key");
    }

    [Fact]
    public async Task A_slot_is_changed_in_place_keeping_absent_fields()
    {
        var (client, offer) = await PublishedOfferAsync();
        using var _client = client;
        var before = await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}");

        var changed = await client.PostOkAsync($"/api/v1/offers/{offer}/slots/grinder", """{"name":"Burr grinder","quantity":2}""");
        var read = await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}");

        var slot = read.GetProperty("slots")[1];
        Assert.Equal("grinder", slot.GetProperty("key").GetString());
        Assert.Equal("Burr grinder", slot.GetProperty("name").GetString());
        Assert.Equal(2, slot.GetProperty("quantity").GetInt32());
        Assert.Equal(before.GetProperty("slots")[1].GetProperty("price").GetString(), slot.GetProperty("price").GetString());
        Assert.True(slot.GetProperty("order_bump").GetBoolean());
        Assert.True(JsonElement.DeepEquals(changed.GetProperty("slots"), read.GetProperty("slots")));
    }

    [Fact]
    public async Task A_slot_takes_another_price_through_the_slot_endpoint()
    {
        var (client, offer) = await PublishedOfferAsync();
        using var _client = client;
        var bigGrinder = await client.CreatePerUnitPriceAsync(await client.CreateProductAsync("Big grinder"), 9900);

        using var change = await client.PostJsonAsync($"/api/v1/offers/{offer}/slots/grinder", $$"""{"price":"{{bigGrinder}}"}""");
        var read = await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}");

        Assert.True(change.StatusCode == HttpStatusCode.OK, $"POST /offers/{{id}}/slots/grinder: {(int)change.StatusCode} {await change.Content.ReadAsStringAsync()}");
        var slot = read.GetProperty("slots")[1];
        Assert.Equal(bigGrinder, slot.GetProperty("price").GetString());
        Assert.Equal(bigGrinder, slot.GetProperty("options")[0].GetProperty("price").GetString());
    }

    [Fact]
    public async Task Adding_a_slot_with_a_taken_key_or_other_currency_is_refused()
    {
        var (client, offer) = await PublishedOfferAsync();
        using var _client = client;
        var euros = await client.CreatePerUnitPriceAsync(await client.CreateProductAsync("Euro mug"), 900, "eur");
        var dollars = await client.CreatePerUnitPriceAsync(await client.CreateProductAsync("Mug"), 900, "usd");

        using var takenKey = await client.PostJsonAsync($"/api/v1/offers/{offer}/slots",
            $$"""{"key":"coffee","name":"Another coffee","price":"{{dollars}}"}""");
        using var otherCurrency = await client.PostJsonAsync($"/api/v1/offers/{offer}/slots",
            $$"""{"key":"mug","name":"Mug","price":"{{euros}}","required":false}""");
        var read = await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}");

        await takenKey.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "key");
        await otherCurrency.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "price");
        Assert.Equal(["coffee", "grinder"], Keys(read));
    }

    [Fact]
    public async Task The_last_required_slot_of_a_published_offer_cannot_be_removed()
    {
        var (client, offer) = await PublishedOfferAsync();
        using var _client = client;

        using var response = await client.DeleteAsync($"/api/v1/offers/{offer}/slots/coffee");
        var read = await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}");

        await response.ProblemAsync(HttpStatusCode.Conflict, "state_conflict");
        Assert.Equal(["coffee", "grinder"], Keys(read));
    }

    [Fact]
    public async Task Another_organizations_offer_is_404()
    {
        var (client, offer) = await PublishedOfferAsync();
        var (_, stranger) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        using var _stranger = stranger;

        using var read = await stranger.GetAsync($"/api/v1/offers/{offer}");
        using var update = await stranger.PostJsonAsync($"/api/v1/offers/{offer}", """{"name":"Hijacked"}""");
        using var remove = await stranger.DeleteAsync($"/api/v1/offers/{offer}/slots/grinder");
        var own = await client.GetFromJsonElementAsync($"/api/v1/offers/{offer}");

        await read.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
        await update.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
        await remove.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
        Assert.Equal("Coffee club", own.GetProperty("name").GetString());
        Assert.Equal(["coffee", "grinder"], Keys(own));
    }

    /// <summary>A fresh organization with two USD prices: coffee ($18) and a grinder ($45).</summary>
    private async Task<(HttpClient Client, string Coffee, string Grinder)> ShopAsync()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        var coffee = await client.CreatePerUnitPriceAsync(await client.CreateProductAsync("Coffee"), 1800);
        var grinder = await client.CreatePerUnitPriceAsync(await client.CreateProductAsync("Grinder"), 4500);
        return (client, coffee, grinder);
    }

    private async Task<(HttpClient Client, string Offer)> PublishedOfferAsync()
    {
        var (client, coffee, grinder) = await ShopAsync();
        var offer = await client.PostOkAsync("/api/v1/offers", OfferBody(NewSlug(), coffee, grinder));
        return (client, offer.GetProperty("id").GetString()!);
    }

    private static string OfferBody(string slug, string coffee, string grinder) =>
        $$"""{"name":"Coffee club","slug":"{{slug}}","currency":"usd","status":"published","slots":[{"key":"coffee","name":"Coffee","price":"{{coffee}}","required":true,"quantity":1},{"key":"grinder","name":"Grinder","price":"{{grinder}}","required":false}]}""";

    private static string NewSlug() => "offer-" + Guid.NewGuid().ToString("N")[..10];

    private static List<string> Keys(JsonElement offer) =>
        offer.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("key").GetString()!).ToList();
}

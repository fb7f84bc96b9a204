using System.Net;
using System.Text.Json;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>/api/v1/funnels: building a funnel step by step, publishing (refused with each broken rule named by step),
/// rolling back, and the revision every change carries.</summary>
[Collection(AppCollection.Name)]
public sealed class FunnelsApiTests(NumiFactory factory)
{
    [Fact]
    public async Task A_funnel_is_created_edited_and_listed()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _c = client;

        var created = await client.PostOkAsync("/api/v1/funnels", """{"name":"Spring Sale"}""");
        var id = created.GetProperty("id").GetString()!;
        Assert.StartsWith("fnl_", id, StringComparison.Ordinal);
        Assert.Equal(("spring-sale", "draft", 1), (created.GetProperty("slug").GetString(), created.GetProperty("status").GetString(), created.GetProperty("revision").GetInt32()));
        Assert.Equal("steps_missing", created.GetProperty("violations")[0].GetProperty("code").GetString());

        var landing = await client.PostOkAsync($"/api/v1/funnels/{id}/steps", """{"revision":1,"type":"landing"}""");
        var key = Steps(landing)[0].GetProperty("key").GetString()!;
        Assert.Equal("Landing page", Steps(landing)[0].GetProperty("name").GetString());
        var edited = await client.PostOkAsync($"/api/v1/funnels/{id}/steps/{key}",
            """{"revision":2,"name":"Welcome","blocks":[{"type":"headline","text":"Hello"},{"type":"video","url":"https://youtu.be/dQw4w9WgXcQ"}]}""");
        var block = Steps(edited)[0].GetProperty("blocks")[1];
        Assert.Equal(("video", "https://www.youtube.com/embed/dQw4w9WgXcQ"), (block.GetProperty("type").GetString(), block.GetProperty("url").GetString()));
        await client.PostOkAsync($"/api/v1/funnels/{id}/steps", """{"revision":3,"type":"checkout","position":0}""");
        var moved = await client.PostOkAsync($"/api/v1/funnels/{id}/steps/{key}/move", """{"revision":4,"direction":"up"}""");
        Assert.Equal(["landing", "checkout"], Types(moved));
        var duplicated = await client.PostOkAsync($"/api/v1/funnels/{id}/steps/{key}/duplicate", """{"revision":5}""");
        Assert.Equal(["landing", "landing", "checkout"], Types(duplicated));
        using (var removed = await client.DeleteAsync($"/api/v1/funnels/{id}/steps/{key}?revision=6"))
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var undone = await client.PostOkAsync($"/api/v1/funnels/{id}/undo", """{"revision":7}""");
        Assert.Equal((8, 3), (undone.GetProperty("revision").GetInt32(), Steps(undone).Count));
        var renamed = await client.PostOkAsync($"/api/v1/funnels/{id}", """{"revision":8,"name":"Summer","slug":"summer"}""");
        Assert.Equal(("Summer", "summer"), (renamed.GetProperty("name").GetString(), renamed.GetProperty("slug").GetString()));

        var list = await client.GetFromJsonElementAsync("/api/v1/funnels?status=draft");
        Assert.Equal([id], list.Ids());
        Assert.Equal(3, list.GetProperty("data")[0].GetProperty("step_count").GetInt32());
    }

    [Fact]
    public async Task Publishing_is_refused_naming_each_broken_step_then_publishes_and_rolls_back()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _c = client;
        var offer = await PublishedOfferAsync(client);
        var id = (await client.PostOkAsync("/api/v1/funnels", """{"name":"Launch"}""")).GetProperty("id").GetString()!;
        var thanks = await client.PostOkAsync($"/api/v1/funnels/{id}/steps", """{"revision":1,"type":"thank_you"}""");
        var funnel = await client.PostOkAsync($"/api/v1/funnels/{id}/steps", """{"revision":2,"type":"checkout","name":"Pay","position":0}""");
        var checkout = Steps(funnel)[0].GetProperty("key").GetString()!;
        Assert.Equal("offer_required", Steps(funnel)[0].GetProperty("violations")[0].GetProperty("code").GetString());
        Assert.False(funnel.GetProperty("publishable").GetBoolean());

        using var refused = await client.PostJsonAsync($"/api/v1/funnels/{id}/publish", """{"revision":3}""");
        var problem = await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity, "offer_required", $"steps.{checkout}");
        var listed = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("Choose the offer the step 'Pay' sells.", listed.GetProperty("message").GetString());

        await client.PostOkAsync($"/api/v1/funnels/{id}/steps/{checkout}", $$"""{"revision":3,"offer":"{{offer}}"}""");
        var published = await client.PostOkAsync($"/api/v1/funnels/{id}/publish", """{"revision":4}""");
        Assert.Equal(("published", false, 1), (published.GetProperty("status").GetString(),
            published.GetProperty("has_unpublished_changes").GetBoolean(), published.GetProperty("versions")[0].GetProperty("number").GetInt32()));
        Assert.StartsWith("fnlv_", published.GetProperty("published_version").GetString(), StringComparison.Ordinal);

        await client.PostOkAsync($"/api/v1/funnels/{id}/steps", """{"revision":5,"type":"landing","position":0}""");
        await client.PostOkAsync($"/api/v1/funnels/{id}/publish", """{"revision":6}""");
        var rolledBack = await client.PostOkAsync($"/api/v1/funnels/{id}/rollback", """{"revision":7,"version":1}""");
        Assert.Equal([3, 2, 1], rolledBack.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal(["checkout", "thank_you"], Types(rolledBack));
        Assert.Equal(thanks.GetProperty("steps")[0].GetProperty("key").GetString(), Steps(rolledBack)[1].GetProperty("key").GetString());
    }

    [Fact]
    public async Task Variants_are_added_and_the_winner_promoted()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _c = client;
        var id = (await client.PostOkAsync("/api/v1/funnels", """{"name":"Tests"}""")).GetProperty("id").GetString()!;
        var key = Steps(await client.PostOkAsync($"/api/v1/funnels/{id}/steps", """{"revision":1,"type":"landing"}"""))[0].GetProperty("key").GetString()!;

        var added = await client.PostOkAsync($"/api/v1/funnels/{id}/steps/{key}/variants",
            """{"revision":2,"name":"Bold","weight":30,"blocks":[{"type":"headline","text":"Bold"}]}""");
        Assert.Equal(("a", "running"), (Steps(added)[0].GetProperty("variants")[0].GetProperty("key").GetString(), Steps(added)[0].GetProperty("test").GetProperty("status").GetString()));
        await client.PostOkAsync($"/api/v1/funnels/{id}/steps/{key}/variants/a", """{"revision":3,"weight":60}""");
        var stopped = await client.PostOkAsync($"/api/v1/funnels/{id}/steps/{key}/stop_test", """{"revision":4,"winner":"a"}""");
        var step = Steps(stopped)[0];
        Assert.Equal(("Bold", 0, "a"), (step.GetProperty("blocks")[0].GetProperty("text").GetString(), step.GetProperty("variants").GetArrayLength(),
            step.GetProperty("test").GetProperty("winner").GetString()));
    }

    [Fact]
    public async Task A_stale_revision_is_a_409_and_changes_nothing()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _c = client;
        var id = (await client.PostOkAsync("/api/v1/funnels", """{"name":"Busy"}""")).GetProperty("id").GetString()!;
        await client.PostOkAsync($"/api/v1/funnels/{id}/steps", """{"revision":1,"type":"landing"}""");

        using var stale = await client.PostJsonAsync($"/api/v1/funnels/{id}/steps", """{"revision":1,"type":"checkout"}""");
        var problem = await stale.ProblemAsync(HttpStatusCode.Conflict, "state_conflict", "revision");
        Assert.Equal("This funnel was changed in another window (now at revision 2). Reload to see the latest version.", problem.GetProperty("detail").GetString());
        using var missing = await client.PostJsonAsync($"/api/v1/funnels/{id}/steps", """{"type":"checkout"}""");
        await missing.ProblemAsync(HttpStatusCode.BadRequest, "parameter_missing", "revision");
        Assert.Single(Steps(await client.GetFromJsonElementAsync($"/api/v1/funnels/{id}")));
    }

    [Fact]
    public async Task Another_organizations_funnel_is_not_found()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _c = client;
        using var _o = other;
        var id = (await client.PostOkAsync("/api/v1/funnels", """{"name":"Private"}""")).GetProperty("id").GetString()!;

        using var read = await other.GetAsync($"/api/v1/funnels/{id}");
        await read.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        using var edit = await other.PostJsonAsync($"/api/v1/funnels/{id}/steps", """{"revision":1,"type":"landing"}""");
        await edit.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        Assert.Empty((await other.GetFromJsonElementAsync("/api/v1/funnels")).Ids());
        Assert.Equal(1, (await client.GetFromJsonElementAsync($"/api/v1/funnels/{id}")).GetProperty("revision").GetInt32());
    }

    [Theory]
    [InlineData("/api/v1/funnels", """{"slug":"no-name"}""", HttpStatusCode.BadRequest, "parameter_missing", "name")]
    [InlineData("/api/v1/funnels", """{"name":"x","slug":"Not A Slug"}""", HttpStatusCode.UnprocessableEntity, "parameter_invalid", "slug")]
    [InlineData("{funnel}/steps", """{"revision":1,"type":"popup"}""", HttpStatusCode.UnprocessableEntity, "parameter_invalid", "type")]
    [InlineData("{funnel}/steps/{step}", """{"revision":2,"blocks":[{"type":"image","url":"http://x.example/a.png"}]}""", HttpStatusCode.UnprocessableEntity, "parameter_invalid", "blocks[0].url")]
    [InlineData("{funnel}/steps/{step}", """{"revision":2,"blocks":[{"type":"headline"}]}""", HttpStatusCode.BadRequest, "parameter_missing", "blocks[0].text")]
    [InlineData("{funnel}/steps/{step}", """{"revision":2,"offer":"offer_nope"}""", HttpStatusCode.UnprocessableEntity, "parameter_invalid", "offer")]
    [InlineData("{funnel}/steps/{step}/variants", """{"revision":2,"name":"B","weight":0}""", HttpStatusCode.UnprocessableEntity, "parameter_invalid", "weight")]
    public async Task Invalid_fields_are_problems_naming_the_field(string url, string body, HttpStatusCode status, string code, string param)
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _c = client;
        var id = (await client.PostOkAsync("/api/v1/funnels", """{"name":"Checks"}""")).GetProperty("id").GetString()!;
        var key = Steps(await client.PostOkAsync($"/api/v1/funnels/{id}/steps", """{"revision":1,"type":"checkout"}"""))[0].GetProperty("key").GetString()!;

        using var response = await client.PostJsonAsync(url.Replace("{funnel}", $"/api/v1/funnels/{id}").Replace("{step}", key), body);

        await response.ProblemAsync(status, code, param);
    }

    private static async Task<string> PublishedOfferAsync(HttpClient client)
    {
        var price = await client.CreatePerUnitPriceAsync(await client.CreateProductAsync(), 1500);
        var offer = await client.PostOkAsync("/api/v1/offers",
            $$"""{"name":"Beans","slug":"beans-{{Guid.NewGuid().ToString("N")[..8]}}","currency":"usd","status":"published","slots":[{"key":"main","name":"Beans","price":"{{price}}"}]}""");
        return offer.GetProperty("id").GetString()!;
    }

    private static List<JsonElement> Steps(JsonElement funnel) => [.. funnel.GetProperty("steps").EnumerateArray()];

    private static List<string> Types(JsonElement funnel) => [.. Steps(funnel).Select(s => s.GetProperty("type").GetString()!)];
}

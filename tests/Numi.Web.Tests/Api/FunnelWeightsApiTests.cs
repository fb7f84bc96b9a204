using System.Net;
using System.Text.Json;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary><c>POST /api/v1/funnels/{id}/steps/{key}/weights</c>: a step's whole traffic split in one change, which one
/// undo takes back; bad input is a problem naming the arm, another organization's funnel a 404.</summary>
[Collection(AppCollection.Name)]
public sealed class FunnelWeightsApiTests(NumiFactory factory)
{
    /// <summary>A funnel whose landing step tests variants a and b (30 and 20) against the control (100), at revision 4.</summary>
    private static async Task<(string Weights, string Funnel)> TestedAsync(HttpClient client)
    {
        var id = (await client.PostOkAsync("/api/v1/funnels", """{"name":"Split"}""")).GetProperty("id").GetString()!;
        var key = (await client.PostOkAsync($"/api/v1/funnels/{id}/steps", """{"revision":1,"type":"landing"}"""))
            .GetProperty("steps")[0].GetProperty("key").GetString()!;
        await client.PostOkAsync($"/api/v1/funnels/{id}/steps/{key}/variants", """{"revision":2,"name":"Short","weight":30}""");
        await client.PostOkAsync($"/api/v1/funnels/{id}/steps/{key}/variants", """{"revision":3,"name":"Video","weight":20}""");
        return ($"/api/v1/funnels/{id}/steps/{key}/weights", $"/api/v1/funnels/{id}");
    }

    private static (int Control, int A, int B) Split(JsonElement funnel)
    {
        var step = funnel.GetProperty("steps")[0];
        var variants = step.GetProperty("variants");
        return (step.GetProperty("control_weight").GetInt32(), variants[0].GetProperty("weight").GetInt32(), variants[1].GetProperty("weight").GetInt32());
    }

    [Fact]
    public async Task A_split_is_saved_as_one_change_and_one_undo_restores_the_last()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _c = client;
        var (weights, funnel) = await TestedAsync(client);

        var saved = await client.PostOkAsync(weights, """{"revision":4,"weights":{"control":50,"a":30,"b":20}}""");
        Assert.Equal((5, (50, 30, 20)), (saved.GetProperty("revision").GetInt32(), Split(saved)));
        var again = await client.PostOkAsync(weights, """{"revision":5,"weights":{"control":20,"a":40,"b":40}}""");
        Assert.Equal((20, 40, 40), Split(again));

        var undone = await client.PostOkAsync($"{funnel}/undo", """{"revision":6}""");
        Assert.Equal((50, 30, 20), Split(undone));
        Assert.Equal((50, 30, 20), Split(await client.GetFromJsonElementAsync(funnel)));
    }

    [Theory]
    [InlineData("""{"revision":4}""", HttpStatusCode.BadRequest, "parameter_missing", "weights")]
    [InlineData("""{"revision":4,"weights":{"control":50,"a":30.5,"b":19.5}}""", HttpStatusCode.BadRequest, "parameter_invalid", "weights.a")]
    [InlineData("""{"revision":4,"weights":{"control":50,"a":50}}""", HttpStatusCode.BadRequest, "parameter_missing", "weights.b")]
    [InlineData("""{"revision":4,"weights":{"control":40,"a":30,"b":20}}""", HttpStatusCode.UnprocessableEntity, "parameter_invalid", "weights")]
    [InlineData("""{"revision":4,"weights":{"control":101,"a":30,"b":20}}""", HttpStatusCode.UnprocessableEntity, "parameter_invalid", "weights.control")]
    [InlineData("""{"revision":4,"weights":{"control":50,"a":0,"b":50}}""", HttpStatusCode.UnprocessableEntity, "parameter_invalid", "weights.a")]
    [InlineData("""{"revision":4,"weights":{"control":50,"a":30,"b":10,"z":10}}""", HttpStatusCode.UnprocessableEntity, "parameter_invalid", "weights.z")]
    [InlineData("""{"revision":3,"weights":{"control":50,"a":30,"b":20}}""", HttpStatusCode.Conflict, "state_conflict", "revision")]
    public async Task A_bad_split_is_a_problem_naming_the_arm_and_changes_nothing(string body, HttpStatusCode status, string code, string param)
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _c = client;
        var (weights, funnel) = await TestedAsync(client);

        using var response = await client.PostJsonAsync(weights, body);

        await response.ProblemAsync(status, code, param);
        var unchanged = await client.GetFromJsonElementAsync(funnel);
        Assert.Equal((4, (100, 30, 20)), (unchanged.GetProperty("revision").GetInt32(), Split(unchanged)));
    }

    [Fact]
    public async Task Another_organizations_step_is_not_found()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _c = client;
        using var _o = other;
        var (weights, funnel) = await TestedAsync(client);

        using var response = await other.PostJsonAsync(weights, """{"revision":4,"weights":{"control":50,"a":30,"b":20}}""");

        await response.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        Assert.Equal((100, 30, 20), Split(await client.GetFromJsonElementAsync(funnel)));
    }
}

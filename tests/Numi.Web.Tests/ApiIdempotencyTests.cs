using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

[Collection(AppCollection.Name)]
public sealed class ApiIdempotencyTests(NumiFactory factory)
{
    [Fact]
    public async Task Same_key_and_body_replays_the_first_response_without_applying_again()
    {
        var (organizationId, client) = await factory.NewOrganizationClientAsync();
        using var _ = client;
        var key = Guid.NewGuid().ToString();

        using var first = await PostAsync(client, key, """{"name":"Alpha"}""");
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));

        // Someone changes the name in between; a replay must not put "Alpha" back.
        using (var between = await client.PostAsync("/api/v1/organization", ApiCalls.Json("""{"name":"Beta"}""")))
            Assert.Equal(HttpStatusCode.OK, between.StatusCode);

        using var replay = await PostAsync(client, key, """{"name":"Alpha"}""");

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(firstBody, await replay.Content.ReadAsStringAsync());
        Assert.Equal("Beta", await factory.WithDbAsync(db =>
            db.Organizations.IgnoreQueryFilters().Where(o => o.Id == organizationId).Select(o => o.Name).SingleAsync()));
    }

    [Fact]
    public async Task Same_key_with_another_body_is_refused()
    {
        var (organizationId, client) = await factory.NewOrganizationClientAsync();
        using var _ = client;
        var key = Guid.NewGuid().ToString();
        using (var first = await PostAsync(client, key, """{"name":"Alpha"}"""))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var second = await PostAsync(client, key, """{"name":"Gamma"}""");

        await second.ProblemAsync(HttpStatusCode.BadRequest, "idempotency_error");
        Assert.Equal("Alpha", await factory.WithDbAsync(db =>
            db.Organizations.IgnoreQueryFilters().Where(o => o.Id == organizationId).Select(o => o.Name).SingleAsync()));
    }

    [Fact]
    public async Task Keys_belong_to_their_organization()
    {
        var (_, clientA) = await factory.NewOrganizationClientAsync();
        var (organizationB, clientB) = await factory.NewOrganizationClientAsync();
        using var _a = clientA;
        using var _b = clientB;
        var key = Guid.NewGuid().ToString();
        using (var first = await PostAsync(clientA, key, """{"name":"Alpha"}"""))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var other = await PostAsync(clientB, key, """{"name":"Alpha"}""");

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.False(other.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal($"org_{organizationB:N}", (await other.JsonAsync()).GetProperty("id").GetString());
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string key, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organization") { Content = ApiCalls.Json(json) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Organizations;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>/api/v1/api_keys with an owner's sign-in cookie: the secret is answered once and never stored, a revoked
/// key is refused from then on, and nobody else lists or changes keys.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiKeysApiTests(NumiFactory factory)
{
    [Fact]
    public async Task An_owner_creates_a_key_that_works_sees_it_without_its_secret_and_revokes_it()
    {
        var (owner, _) = await factory.SignedUpOwnerAsync();
        using var _o = owner;

        var created = await owner.PostApiOkAsync("/api/v1/api_keys", """{"name":"Order sync"}""");
        var (id, secret) = (created.GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
        Assert.StartsWith("key_", id);
        Assert.StartsWith("sk_test_", secret);
        Assert.Equal(("api_key", "Order sync", "test", "sk_test_…" + secret[^4..], true), (created.GetProperty("object").GetString(),
            created.GetProperty("name").GetString(), created.GetProperty("mode").GetString(), created.GetProperty("hint").GetString(),
            created.GetProperty("active").GetBoolean()));

        using var withKey = factory.CreateApiClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await withKey.GetAsync("/api/v1/products")).StatusCode);

        using var list = await owner.Client.GetAsync("/api/v1/api_keys");
        var listed = await list.Content.ReadAsStringAsync();
        Assert.Equal([id], (await list.JsonAsync()).Ids());
        Assert.DoesNotContain(secret[8..], listed);
        Assert.DoesNotContain("\"secret\"", listed);

        var revoked = await owner.PostApiOkAsync($"/api/v1/api_keys/{id}/revoke", "");
        Assert.False(revoked.GetProperty("active").GetBoolean());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, revoked.GetProperty("revoked").ValueKind);
        await (await withKey.GetAsync("/api/v1/products")).ProblemAsync(HttpStatusCode.Unauthorized, "authentication_required");
        using var again = await owner.PostApiAsync($"/api/v1/api_keys/{id}/revoke", "{}");
        await again.ProblemAsync(HttpStatusCode.Conflict, "state_conflict");
        Assert.Equal([id], (await owner.GetApiOkAsync("/api/v1/api_keys?active=false")).Ids());
        Assert.Empty((await owner.GetApiOkAsync("/api/v1/api_keys?active=true")).Ids());
    }

    [Fact]
    public async Task An_idempotency_key_is_ignored_so_the_secret_is_never_stored_for_a_replay()
    {
        var (owner, merchant) = await factory.SignedUpOwnerAsync();
        using var _o = owner;
        var key = Guid.NewGuid().ToString();

        var first = await CreateWithIdempotencyKeyAsync(owner, key);
        var second = await CreateWithIdempotencyKeyAsync(owner, key);

        Assert.NotEqual(first, second);
        var organizationId = await factory.OrganizationIdAsync(merchant.Slug);
        Assert.False(await factory.WithDbAsync(db => db.IdempotencyRecords.IgnoreQueryFilters().AnyAsync(r => r.OrganizationId == organizationId)));
    }

    [Theory]
    [InlineData("{}", 400, "parameter_missing", "name")]
    [InlineData("""{"name":"Sync","mode":"production"}""", 400, "parameter_invalid", "mode")]
    [InlineData("""{"name":"Line\nbreak"}""", 422, "parameter_invalid", "name")]
    [InlineData("""{"name":"Sync","secret":"sk_test_mine"}""", 400, "parameter_unknown", "secret")]
    public Task A_bad_key_is_a_problem_naming_the_field(string body, int status, string code, string param) =>
        factory.AssertRefusedLeavingNoneAsync("/api/v1/api_keys", body, status, code, param);

    [Fact]
    public async Task A_live_key_is_made_on_request()
    {
        var (owner, _) = await factory.SignedUpOwnerAsync();
        using var _o = owner;

        var live = await owner.PostApiOkAsync("/api/v1/api_keys", """{"name":"Shop","mode":"live"}""");

        Assert.Equal("live", live.GetProperty("mode").GetString());
        Assert.StartsWith("sk_live_", live.GetProperty("secret").GetString());
    }

    [Fact]
    public async Task Nobody_but_an_owner_lists_makes_or_revokes_keys_and_only_with_the_token()
    {
        var (owner, merchant) = await factory.SignedUpOwnerAsync();
        var (admin, _) = await factory.JoinedAsync(merchant, OrganizationRole.Admin);
        using var _o = owner;
        using var _a = admin;
        var id = (await owner.PostApiOkAsync("/api/v1/api_keys", """{"name":"Owner's"}""")).GetProperty("id").GetString();

        await (await admin.Client.GetAsync("/api/v1/api_keys")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await admin.PostApiAsync("/api/v1/api_keys", """{"name":"Admin's"}""")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await admin.PostApiAsync($"/api/v1/api_keys/{id}/revoke", "")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await owner.AssertRefusedWithoutTokenAsync(HttpMethod.Post, "/api/v1/api_keys", """{"name":"Forged"}""");
        await owner.AssertRefusedWithoutTokenAsync(HttpMethod.Post, $"/api/v1/api_keys/{id}/revoke");

        var keys = await owner.GetApiOkAsync("/api/v1/api_keys");
        Assert.Equal([id!], keys.Ids());
        Assert.True(keys.GetProperty("data")[0].GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Another_organizations_key_is_not_found_nor_listed()
    {
        var (owner, _) = await factory.SignedUpOwnerAsync();
        var (stranger, _) = await factory.SignedUpOwnerAsync();
        using var _o = owner;
        using var _s = stranger;
        var foreign = (await stranger.PostApiOkAsync("/api/v1/api_keys", """{"name":"Theirs"}""")).GetProperty("id").GetString();

        using var revoke = await owner.PostApiAsync($"/api/v1/api_keys/{foreign}/revoke", "");
        await revoke.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        using var cursor = await owner.Client.GetAsync($"/api/v1/api_keys?starting_after={foreign}");
        await cursor.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "starting_after");
        Assert.Empty((await owner.GetApiOkAsync("/api/v1/api_keys")).Ids());
        Assert.True((await stranger.GetApiOkAsync("/api/v1/api_keys")).GetProperty("data")[0].GetProperty("active").GetBoolean());
    }

    private static async Task<string> CreateWithIdempotencyKeyAsync(Browser owner, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/api_keys") { Content = ApiCalls.Json("""{"name":"Retried"}""") };
        request.Headers.Add("RequestVerificationToken", await owner.AntiforgeryTokenAsync());
        request.Headers.Add("Idempotency-Key", key);
        using var response = await owner.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Idempotent-Replayed"));
        return (await response.JsonAsync()).GetProperty("secret").GetString()!;
    }
}

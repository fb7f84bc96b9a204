using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>An API key acts for its organization's business, not for a person: every endpoint about people or kept for
/// owners refuses it with 403 before anything runs, and it changes nothing there.</summary>
[Collection(AppCollection.Name)]
public sealed class PersonOnlyApiTests(NumiFactory factory)
{
    private static readonly (string Method, string Path, string? Body)[] PersonEndpoints =
    [
        ("GET", "/api/v1/me", null),
        ("POST", "/api/v1/me/organization", """{"organization_id":"00000000-0000-0000-0000-000000000000"}"""),
        ("POST", "/api/v1/organizations", """{"name":"By key","slug":"by-key-shop","default_currency":"usd","time_zone":"UTC"}"""),
        ("GET", "/api/v1/members", null),
        ("GET", "/api/v1/members/{member}", null),
        ("POST", "/api/v1/members/{member}", """{"role":"member"}"""),
        ("DELETE", "/api/v1/members/{member}", null),
        ("GET", "/api/v1/invitations", null),
        ("POST", "/api/v1/invitations", """{"email":"by-key@example.test"}"""),
        ("GET", "/api/v1/api_keys", null),
        ("POST", "/api/v1/api_keys", """{"name":"Minted by a key"}"""),
        ("POST", "/api/v1/api_keys/{key}/revoke", null),
        ("GET", "/api/v1/stripe_connection", null),
        ("POST", "/api/v1/stripe_connection", """{"secret_key":"sk_test_abcdefghijkl","publishable_key":"pk_test_abcdefghijkl","webhook_secrets":"whsec_abcdefghijkl"}"""),
        ("DELETE", "/api/v1/stripe_connection", null),
        ("GET", "/api/v1/webhook_events", null),
    ];

    [Fact]
    public async Task An_api_key_is_refused_on_every_person_endpoint_and_changes_nothing()
    {
        var merchant = Merchant.New();
        var organizationId = await factory.CreateOrganizationAsync(merchant);
        using var client = factory.CreateApiClient(await factory.CreateApiKeyAsync(organizationId));
        var member = await factory.MemberIdAsync(merchant.Email, merchant.Slug);
        var key = await factory.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().Where(k => k.OrganizationId == organizationId).Select(k => k.Id).SingleAsync());

        foreach (var (method, template, body) in PersonEndpoints)
        {
            var path = template.Replace("{member}", member).Replace("{key}", $"key_{key:N}");
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : ApiCalls.Json(body) };
            using var response = await client.SendAsync(request);
            var problem = await response.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            Assert.Contains("API key", problem.GetProperty("detail").GetString());
        }

        var (keys, members, invitations, organizations) = await factory.WithDbAsync(async db => (
            await db.ApiKeys.IgnoreQueryFilters().CountAsync(k => k.OrganizationId == organizationId && k.RevokedAt == null),
            await db.Memberships.IgnoreQueryFilters().CountAsync(m => m.OrganizationId == organizationId),
            await db.Invitations.IgnoreQueryFilters().CountAsync(i => i.OrganizationId == organizationId),
            await db.Organizations.IgnoreQueryFilters().CountAsync(o => o.Slug == "by-key-shop")));
        Assert.Equal((1, 1, 0, 0), (keys, members, invitations, organizations));
    }
}

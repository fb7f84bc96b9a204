using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Organizations;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>POST /api/v1/organizations (a person makes another organization, or their first, and works in it at once)
/// and who may change the current one with the sign-in cookie (owners and admins, as on the settings page).</summary>
[Collection(AppCollection.Name)]
public sealed class OrganizationsApiTests(NumiFactory factory)
{
    [Fact]
    public async Task A_person_creates_an_organization_owns_it_and_works_in_it_from_then_on()
    {
        var (person, merchant) = await factory.SignedUpOwnerAsync();
        using var _p = person;
        var slug = "new-" + Guid.NewGuid().ToString("N")[..10];

        var created = await person.PostApiOkAsync("/api/v1/organizations",
            $$"""{"name":"Second shop","slug":" {{slug.ToUpperInvariant()}} ","default_currency":"EUR","time_zone":"Europe/Paris"}""");

        Assert.Equal(("organization", "Second shop", slug, "eur", "Europe/Paris"), (created.GetProperty("object").GetString(), created.GetProperty("name").GetString(),
            created.GetProperty("slug").GetString(), created.GetProperty("default_currency").GetString(), created.GetProperty("time_zone").GetString()));
        var id = created.GetProperty("id").GetString();
        Assert.Equal(id, (await person.GetApiOkAsync("/api/v1/organization")).GetProperty("id").GetString());
        var me = await person.GetApiOkAsync("/api/v1/me");
        Assert.Equal(("Second shop", "Owner"), (me.GetProperty("current").GetProperty("name").GetString(), me.GetProperty("current").GetProperty("role").GetString()));
        Assert.Equal(2, me.GetProperty("organizations").GetArrayLength());
        Assert.Equal(merchant.Email, Assert.Single((await person.GetApiOkAsync("/api/v1/members")).GetProperty("data").EnumerateArray()).GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_person_in_no_organization_creates_their_first()
    {
        var (person, merchant) = await factory.SignedUpOwnerAsync();
        using var _p = person;
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == merchant.Email);
            await db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == user.Id).ExecuteDeleteAsync();
        });
        await (await person.Client.GetAsync("/api/v1/organization")).ProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var created = await person.PostApiOkAsync("/api/v1/organizations",
            $$"""{"name":"Fresh start","slug":"fresh-{{Guid.NewGuid().ToString("N")[..10]}}","default_currency":"usd","time_zone":"UTC"}""");

        Assert.Equal(created.GetProperty("id").GetString(), (await person.GetApiOkAsync("/api/v1/organization")).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("""{"slug":"a-free-slug","default_currency":"usd","time_zone":"UTC"}""", 400, "parameter_missing", "name")]
    [InlineData("""{"name":"Shop","slug":"Not a slug!","default_currency":"usd","time_zone":"UTC"}""", 422, "parameter_invalid", "slug")]
    [InlineData("""{"name":"Shop","slug":"a-free-slug","default_currency":"xyz","time_zone":"UTC"}""", 422, "parameter_invalid", "default_currency")]
    [InlineData("""{"name":"Shop","slug":"a-free-slug","default_currency":"usd","time_zone":"Mars/Olympus"}""", 422, "parameter_invalid", "time_zone")]
    [InlineData("""{"name":"Shop","slug":"a-free-slug","default_currency":"usd","time_zone":"UTC","owner":"me"}""", 400, "parameter_unknown", "owner")]
    public async Task A_bad_organization_is_a_problem_naming_the_field_and_nothing_is_made(string body, int status, string code, string param)
    {
        var (person, merchant) = await factory.SignedUpOwnerAsync();
        using var _p = person;

        using var response = await person.PostApiAsync("/api/v1/organizations", body);

        await response.ProblemAsync((HttpStatusCode)status, code, param);
        Assert.Equal(1, (await person.GetApiOkAsync("/api/v1/me")).GetProperty("organizations").GetArrayLength());
        Assert.Equal(merchant.Name, (await person.GetApiOkAsync("/api/v1/organization")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_taken_slug_is_refused_and_an_idempotency_key_is_ignored_rather_than_replayed()
    {
        var (person, merchant) = await factory.SignedUpOwnerAsync();
        using var _p = person;
        var body = $$"""{"name":"Twice","slug":"twice-{{Guid.NewGuid().ToString("N")[..10]}}","default_currency":"usd","time_zone":"UTC"}""";
        var key = Guid.NewGuid().ToString();

        using var first = await PostWithIdempotencyKeyAsync(person, body, key);
        using var retried = await PostWithIdempotencyKeyAsync(person, body, key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(retried.Headers.Contains("Idempotent-Replayed"));
        await retried.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "slug");
        using var taken = await person.PostApiAsync("/api/v1/organizations",
            $$"""{"name":"Copy","slug":"{{merchant.Slug}}","default_currency":"usd","time_zone":"UTC"}""");
        await taken.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "slug");
        Assert.Equal(2, (await person.GetApiOkAsync("/api/v1/me")).GetProperty("organizations").GetArrayLength());
    }

    [Fact]
    public async Task Creating_one_needs_the_antiforgery_token()
    {
        var (person, _) = await factory.SignedUpOwnerAsync();
        using var _p = person;

        await person.AssertRefusedWithoutTokenAsync(HttpMethod.Post, "/api/v1/organizations",
            $$"""{"name":"Forged","slug":"forged-{{Guid.NewGuid().ToString("N")[..10]}}","default_currency":"usd","time_zone":"UTC"}""");

        Assert.Equal(1, (await person.GetApiOkAsync("/api/v1/me")).GetProperty("organizations").GetArrayLength());
    }

    [Fact]
    public async Task With_the_cookie_owners_and_admins_change_the_organization_and_a_plain_member_may_not()
    {
        var (owner, merchant) = await factory.SignedUpOwnerAsync();
        var (admin, _) = await factory.JoinedAsync(merchant, OrganizationRole.Admin);
        var (member, _) = await factory.JoinedAsync(merchant, OrganizationRole.Member);
        using var _o = owner;
        using var _a = admin;
        using var _m = member;

        using var refused = await member.PostApiAsync("/api/v1/organization", """{"name":"Taken over"}""");
        await refused.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("Renamed by the admin", (await admin.PostApiOkAsync("/api/v1/organization", """{"name":"Renamed by the admin"}""")).GetProperty("name").GetString());
        Assert.Equal("Renamed by the owner", (await owner.PostApiOkAsync("/api/v1/organization", """{"name":"Renamed by the owner"}""")).GetProperty("name").GetString());
        Assert.Equal("Renamed by the owner", (await member.GetApiOkAsync("/api/v1/organization")).GetProperty("name").GetString());
    }

    private static async Task<HttpResponseMessage> PostWithIdempotencyKeyAsync(Browser person, string body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organizations") { Content = ApiCalls.Json(body) };
        request.Headers.Add("RequestVerificationToken", await person.AntiforgeryTokenAsync());
        request.Headers.Add("Idempotency-Key", key);
        return await person.Client.SendAsync(request);
    }
}

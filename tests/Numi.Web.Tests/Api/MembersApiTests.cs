using System.Net;
using Numi.Core.Organizations;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>/api/v1/members with the sign-in cookie: every member reads the list, only owners change a role or remove
/// someone, the organization keeps an owner, and another organization's members are not found.</summary>
[Collection(AppCollection.Name)]
public sealed class MembersApiTests(NumiFactory factory)
{
    [Fact]
    public async Task Members_are_listed_newest_first_paged_and_read_by_any_member()
    {
        var (owner, merchant) = await factory.SignedUpOwnerAsync();
        var (member, person) = await factory.JoinedAsync(merchant, OrganizationRole.Member);
        using var _o = owner;
        using var _m = member;

        var page = await member.GetApiOkAsync("/api/v1/members?limit=1");
        var first = Assert.Single(page.GetProperty("data").EnumerateArray());
        Assert.True(page.GetProperty("has_more").GetBoolean());
        Assert.Equal(("member", person.Email, person.DisplayName, "member"), (first.GetProperty("object").GetString(),
            first.GetProperty("email").GetString(), first.GetProperty("name").GetString(), first.GetProperty("role").GetString()));
        var id = first.GetProperty("id").GetString()!;
        Assert.Equal(await factory.MemberIdAsync(person.Email, merchant.Slug), id);

        var rest = await member.GetApiOkAsync($"/api/v1/members?starting_after={id}");
        var ownerRow = Assert.Single(rest.GetProperty("data").EnumerateArray());
        Assert.Equal((merchant.Email, "owner"), (ownerRow.GetProperty("email").GetString(), ownerRow.GetProperty("role").GetString()));
        Assert.False(rest.GetProperty("has_more").GetBoolean());

        var read = await owner.GetApiOkAsync($"/api/v1/members/{id}");
        Assert.Equal(person.Email, read.GetProperty("email").GetString());
    }

    [Fact]
    public async Task An_owner_changes_a_role_and_removes_a_member()
    {
        var (owner, merchant) = await factory.SignedUpOwnerAsync();
        var (member, person) = await factory.JoinedAsync(merchant, OrganizationRole.Member);
        using var _o = owner;
        using var _m = member;
        var id = await factory.MemberIdAsync(person.Email, merchant.Slug);

        var promoted = await owner.PostApiOkAsync($"/api/v1/members/{id}", """{"role":"admin"}""");
        Assert.Equal((id, "admin"), (promoted.GetProperty("id").GetString(), promoted.GetProperty("role").GetString()));

        using var removed = await owner.DeleteApiAsync($"/api/v1/members/{id}");
        var answer = await removed.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal((id, "member", true), (answer.GetProperty("id").GetString(), answer.GetProperty("object").GetString(), answer.GetProperty("deleted").GetBoolean()));
        Assert.DoesNotContain(id, (await owner.GetApiOkAsync("/api/v1/members")).Ids());
        using var gone = await owner.Client.GetAsync($"/api/v1/members/{id}");
        await gone.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
    }

    [Fact]
    public async Task The_last_owner_keeps_the_role_and_cannot_be_removed()
    {
        var (owner, merchant) = await factory.SignedUpOwnerAsync();
        using var _o = owner;
        var id = await factory.MemberIdAsync(merchant.Email, merchant.Slug);

        using var demoted = await owner.PostApiAsync($"/api/v1/members/{id}", """{"role":"member"}""");
        await demoted.ProblemAsync(HttpStatusCode.Conflict, "state_conflict", "role");
        using var removed = await owner.DeleteApiAsync($"/api/v1/members/{id}");
        await removed.ProblemAsync(HttpStatusCode.Conflict, "state_conflict");
        Assert.Equal("owner", (await owner.GetApiOkAsync($"/api/v1/members/{id}")).GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("{}", "parameter_missing", "role")]
    [InlineData("""{"role":"boss"}""", "parameter_invalid", "role")]
    [InlineData("""{"role":2}""", "parameter_invalid", "role")]
    [InlineData("""{"role":"admin","email":"x@example.test"}""", "parameter_unknown", "email")]
    public async Task A_bad_role_change_is_a_problem_naming_the_field(string body, string code, string param)
    {
        var (owner, merchant) = await factory.SignedUpOwnerAsync();
        var (member, person) = await factory.JoinedAsync(merchant, OrganizationRole.Member);
        using var _o = owner;
        using var _m = member;

        using var response = await owner.PostApiAsync($"/api/v1/members/{await factory.MemberIdAsync(person.Email, merchant.Slug)}", body);

        await response.ProblemAsync(HttpStatusCode.BadRequest, code, param);
    }

    [Fact]
    public async Task A_member_who_is_not_an_owner_reads_but_changes_nothing()
    {
        var (owner, merchant) = await factory.SignedUpOwnerAsync();
        var (admin, person) = await factory.JoinedAsync(merchant, OrganizationRole.Admin);
        using var _o = owner;
        using var _a = admin;
        var ownerId = await factory.MemberIdAsync(merchant.Email, merchant.Slug);
        var selfId = await factory.MemberIdAsync(person.Email, merchant.Slug);

        using var promote = await admin.PostApiAsync($"/api/v1/members/{selfId}", """{"role":"owner"}""");
        await promote.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var remove = await admin.DeleteApiAsync($"/api/v1/members/{ownerId}");
        await remove.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var roles = (await admin.GetApiOkAsync("/api/v1/members")).GetProperty("data").EnumerateArray().Select(m => m.GetProperty("role").GetString()).Order();
        Assert.Equal(["admin", "owner"], roles);
    }

    [Fact]
    public async Task Another_organizations_member_is_not_found_and_not_listed()
    {
        var (owner, _) = await factory.SignedUpOwnerAsync();
        var (stranger, other) = await factory.SignedUpOwnerAsync();
        using var _o = owner;
        using var _s = stranger;
        var foreignId = await factory.MemberIdAsync(other.Email, other.Slug);

        using var read = await owner.Client.GetAsync($"/api/v1/members/{foreignId}");
        await read.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        using var change = await owner.PostApiAsync($"/api/v1/members/{foreignId}", """{"role":"member"}""");
        await change.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        using var remove = await owner.DeleteApiAsync($"/api/v1/members/{foreignId}");
        await remove.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        using var cursor = await owner.Client.GetAsync($"/api/v1/members?starting_after={foreignId}");
        await cursor.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "starting_after");
        using var malformed = await owner.Client.GetAsync("/api/v1/members/prod_123");
        await malformed.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");

        Assert.DoesNotContain(foreignId, (await owner.GetApiOkAsync("/api/v1/members")).Ids());
        Assert.Equal("owner", (await stranger.GetApiOkAsync($"/api/v1/members/{foreignId}")).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Changes_with_the_cookie_but_without_the_antiforgery_token_are_refused()
    {
        var (owner, merchant) = await factory.SignedUpOwnerAsync();
        var (member, person) = await factory.JoinedAsync(merchant, OrganizationRole.Member);
        using var _o = owner;
        using var _m = member;
        var id = await factory.MemberIdAsync(person.Email, merchant.Slug);

        await owner.AssertRefusedWithoutTokenAsync(HttpMethod.Post, $"/api/v1/members/{id}", """{"role":"owner"}""");
        await owner.AssertRefusedWithoutTokenAsync(HttpMethod.Delete, $"/api/v1/members/{id}");

        Assert.Equal("member", (await owner.GetApiOkAsync($"/api/v1/members/{id}")).GetProperty("role").GetString());
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Organizations;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>/api/v1/invitations with the sign-in cookie: an owner invites (Core's checks, the link mailed and never
/// answered), every member sees the pending ones, and another organization's stay out of sight.</summary>
[Collection(AppCollection.Name)]
public sealed class InvitationsApiTests(NumiFactory factory)
{
    [Fact]
    public async Task An_owner_invites_someone_who_gets_the_link_and_every_member_sees_the_invitation()
    {
        var (owner, merchant) = await factory.SignedUpOwnerAsync();
        var (member, _) = await factory.JoinedAsync(merchant, OrganizationRole.Member);
        using var _o = owner;
        using var _m = member;
        var email = $"Invitee-{Guid.NewGuid():N}@Example.test";

        using var response = await owner.PostApiAsync("/api/v1/invitations", $$"""{"email":"{{email}}"}""");
        var body = await response.Content.ReadAsStringAsync();
        var invitation = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = invitation.GetProperty("id").GetString()!;
        Assert.StartsWith("invite_", id);
        Assert.Equal(("invitation", email.ToLowerInvariant(), "member"), (invitation.GetProperty("object").GetString(),
            invitation.GetProperty("email").GetString(), invitation.GetProperty("role").GetString()));
        Assert.Equal(7 * 24 * 3600, invitation.GetProperty("expires_at").GetInt64() - invitation.GetProperty("created").GetInt64());
        var link = await factory.LatestLinkMailedToAsync(email.ToLowerInvariant());
        Assert.DoesNotContain(link.Split('/')[^1], body);
        Assert.Equal([id], (await member.GetApiOkAsync("/api/v1/invitations")).Ids());

        var admin = await owner.PostApiOkAsync("/api/v1/invitations", $$"""{"email":"admin-{{Guid.NewGuid():N}}@example.test","role":"admin"}""");
        Assert.Equal("admin", admin.GetProperty("role").GetString());
        var page = await member.GetApiOkAsync("/api/v1/invitations?limit=1");
        Assert.Equal([admin.GetProperty("id").GetString()!], page.Ids());
        Assert.True(page.GetProperty("has_more").GetBoolean());
    }

    [Theory]
    [InlineData("{}", 400, "parameter_missing", "email")]
    [InlineData("""{"email":"not-an-address"}""", 422, "parameter_invalid", "email")]
    [InlineData("""{"email":"a@example.test","role":"boss"}""", 400, "parameter_invalid", "role")]
    [InlineData("""{"email":"a@example.test","token":"x"}""", 400, "parameter_unknown", "token")]
    public Task A_bad_invitation_is_a_problem_naming_the_field_and_nothing_is_sent(string body, int status, string code, string param) =>
        factory.AssertRefusedLeavingNoneAsync("/api/v1/invitations", body, status, code, param);

    [Fact]
    public async Task Someone_already_a_member_or_already_invited_is_refused_on_email()
    {
        var (owner, merchant) = await factory.SignedUpOwnerAsync();
        var (member, person) = await factory.JoinedAsync(merchant, OrganizationRole.Member);
        using var _o = owner;
        using var _m = member;
        var email = $"twice-{Guid.NewGuid():N}@example.test";
        await owner.PostApiOkAsync("/api/v1/invitations", $$"""{"email":"{{email}}"}""");

        using var again = await owner.PostApiAsync("/api/v1/invitations", $$"""{"email":"{{email}}"}""");
        await again.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "email");
        using var already = await owner.PostApiAsync("/api/v1/invitations", $$"""{"email":"{{person.Email}}"}""");
        await already.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "email");
    }

    [Fact]
    public async Task Only_an_owner_invites_and_only_with_the_antiforgery_token()
    {
        var (owner, merchant) = await factory.SignedUpOwnerAsync();
        var (admin, _) = await factory.JoinedAsync(merchant, OrganizationRole.Admin);
        using var _o = owner;
        using var _a = admin;
        var email = $"refused-{Guid.NewGuid():N}@example.test";

        using var byAdmin = await admin.PostApiAsync("/api/v1/invitations", $$"""{"email":"{{email}}"}""");
        await byAdmin.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await owner.AssertRefusedWithoutTokenAsync(HttpMethod.Post, "/api/v1/invitations", $$"""{"email":"{{email}}"}""");

        Assert.Empty((await owner.GetApiOkAsync("/api/v1/invitations")).Ids());
        Assert.False(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.To == email)));
    }

    [Fact]
    public async Task Another_organizations_invitations_are_not_listed_nor_a_cursor()
    {
        var (owner, _) = await factory.SignedUpOwnerAsync();
        var (stranger, _) = await factory.SignedUpOwnerAsync();
        using var _o = owner;
        using var _s = stranger;
        var foreign = await stranger.PostApiOkAsync("/api/v1/invitations", $$"""{"email":"foreign-{{Guid.NewGuid():N}}@example.test"}""");

        Assert.Empty((await owner.GetApiOkAsync("/api/v1/invitations")).Ids());
        using var cursor = await owner.Client.GetAsync($"/api/v1/invitations?starting_after={foreign.GetProperty("id").GetString()}");
        await cursor.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "starting_after");
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Organizations;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

[Collection(AppCollection.Name)]
public sealed class MembersTests(NumiFactory factory)
{
    [Fact]
    public async Task Invited_person_creates_an_account_joins_and_sees_the_organization()
    {
        using var owner = factory.CreateBrowser();
        var merchant = await owner.SignUpAsync();
        var inviteeEmail = $"member-{Guid.NewGuid():N}@example.test";

        var link = await InviteAsync(factory, owner, inviteeEmail);
        Assert.StartsWith("/invite/", link);

        using var invitee = factory.CreateBrowser();
        var invitation = await invitee.GetPageAsync(link);
        Assert.Contains("Join " + merchant.Name, invitation.QuerySelector("h1")?.TextContent);
        using var joined = await invitee.SubmitAsync(link,
            new Dictionary<string, string> { ["NewAccount.DisplayName"] = "New Member", ["NewAccount.Password"] = "member-pass-123" }, "invite-signup");

        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        var dashboard = await invitee.FollowAsync(joined);
        Assert.Equal(merchant.Name, dashboard.OrganizationName());
        Assert.Contains("You joined " + merchant.Name, dashboard.Body!.TextContent);
        var role = await factory.WithDbAsync(db => db.Memberships.IgnoreQueryFilters()
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.Role, u.Email })
            .Where(x => x.Email == inviteeEmail).Select(x => x.Role).SingleAsync());
        Assert.Equal(OrganizationRole.Member, role);

        // The link works once.
        var used = await invitee.GetPageAsync(link);
        Assert.Contains("cannot be used", used.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task A_member_may_not_manage_api_keys_or_invite()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();
        var link = await InviteAsync(factory, owner, $"member-{Guid.NewGuid():N}@example.test");
        using var member = factory.CreateBrowser();
        using (var joined = await member.SubmitAsync(link,
                   new Dictionary<string, string> { ["NewAccount.DisplayName"] = "Member", ["NewAccount.Password"] = "member-pass-123" }, "invite-signup"))
            Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);

        using var keys = await member.Client.GetAsync("/settings/api-keys");
        Assert.True(keys.IsAccessDenied(), $"Member got {(int)keys.StatusCode} on /settings/api-keys");

        var members = await member.GetPageAsync("/settings/members");
        Assert.Empty(members.QuerySelectorAll("input[name=_handler][value=invite]"));
        Assert.Contains("Only owners invite members", members.Body!.TextContent);
    }

    [Fact]
    public async Task Invalid_invitation_email_is_refused_inline_and_nothing_is_mailed()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();
        var before = await factory.WithDbAsync(db => db.OutboxMessages.CountAsync());

        using var response = await owner.SubmitAsync("/settings/members", new Dictionary<string, string> { ["Input.Email"] = "not-an-email" }, "invite");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await Browser.ParseAsync(response)).QuerySelector("#email-error.invalid-feedback"));
        Assert.Equal(before, await factory.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }

    internal static async Task<string> InviteAsync(NumiFactory factory, Browser owner, string email, string role = "Member")
    {
        using var response = await owner.SubmitAsync("/settings/members",
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Role"] = role }, "invite");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Contains("Invitation sent to " + email, page.Body!.TextContent);
        return await factory.LatestLinkMailedToAsync(email);
    }
}

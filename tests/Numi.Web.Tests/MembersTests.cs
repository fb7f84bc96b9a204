using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Organizations;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

/// <summary>Members over HTTP: an invitation accepted by a new person, and what a member (not an owner) is refused. The
/// interactive members page itself (grid, invite form and its messages) is tested in Interactive/MembersViewTests.</summary>
[Collection(AppCollection.Name)]
public sealed class MembersTests(NumiFactory factory)
{
    [Fact]
    public async Task Invited_person_creates_an_account_joins_and_sees_the_organization()
    {
        using var owner = factory.CreateBrowser();
        var merchant = await owner.SignUpAsync();
        var inviteeEmail = $"member-{Guid.NewGuid():N}@example.test";

        var link = await factory.InviteAsync(merchant.Email, inviteeEmail);
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
    public async Task A_member_may_not_manage_api_keys_or_members_or_invite()
    {
        using var owner = factory.CreateBrowser();
        var merchant = await owner.SignUpAsync();
        var link = await factory.InviteAsync(merchant.Email, $"member-{Guid.NewGuid():N}@example.test");
        using var member = factory.CreateBrowser();
        using (var joined = await member.SubmitAsync(link,
                   new Dictionary<string, string> { ["NewAccount.DisplayName"] = "Member", ["NewAccount.Password"] = "member-pass-123" }, "invite-signup"))
            Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        var ownerMembership = await factory.WithDbAsync(db => db.Memberships.IgnoreQueryFilters()
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.Id, u.Email })
            .Where(x => x.Email == merchant.Email).Select(x => x.Id).SingleAsync());

        using var keys = await member.Client.GetAsync("/settings/api-keys");
        Assert.True(keys.IsAccessDenied(), $"Member got {(int)keys.StatusCode} on /settings/api-keys");
        using var manage = await member.Client.GetAsync($"/settings/members/{ownerMembership}");
        Assert.True(manage.IsAccessDenied(), $"Member got {(int)manage.StatusCode} on the manage page");

        // The members page prerenders for a member with the refusal in place of the form.
        var members = await member.GetPageAsync("/settings/members");
        Assert.Empty(members.QuerySelectorAll("[data-testid=invite-form]"));
        Assert.Contains("Only owners invite members", members.QuerySelector("[data-testid=invite-refused]")?.TextContent);
    }

    [Fact]
    public async Task The_members_page_prerenders_the_invite_form_for_an_owner()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();

        var page = await owner.GetPageAsync("/settings/members");

        Assert.NotNull(page.QuerySelector("[data-testid=invite-form] #invite-email"));
        Assert.Contains("No pending invitations", page.QuerySelector("main")?.TextContent);
    }
}

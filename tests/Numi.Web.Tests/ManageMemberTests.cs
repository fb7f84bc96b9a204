using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Organizations;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

[Collection(AppCollection.Name)]
public sealed class ManageMemberTests(NumiFactory factory)
{
    [Fact]
    public async Task The_last_owner_cannot_step_down_and_the_role_is_kept()
    {
        using var owner = factory.CreateBrowser();
        var merchant = await owner.SignUpAsync();
        var ownMembership = await MembershipIdAsync(merchant.Email);

        using var response = await owner.SubmitAsync($"/settings/members/{ownMembership}",
            new Dictionary<string, string> { ["RoleInput.Role"] = "Member" }, "role");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at least one owner", (await Browser.ParseAsync(response)).Body!.TextContent);
        Assert.Equal(OrganizationRole.Owner, await RoleAsync(ownMembership));
    }

    [Fact]
    public async Task An_owner_promotes_a_member_then_removes_them_after_confirming()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();
        var email = $"member-{Guid.NewGuid():N}@example.test";
        var link = await MembersTests.InviteAsync(factory, owner, email);
        using var member = factory.CreateBrowser();
        using (var joined = await member.SubmitAsync(link,
                   new Dictionary<string, string> { ["NewAccount.DisplayName"] = "Member", ["NewAccount.Password"] = "member-pass-123" }, "invite-signup"))
            Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        var membership = await MembershipIdAsync(email);

        using (var promoted = await owner.SubmitAsync($"/settings/members/{membership}", new Dictionary<string, string> { ["RoleInput.Role"] = "Admin" }, "role"))
            Assert.Equal(HttpStatusCode.Redirect, promoted.StatusCode);
        Assert.Equal(OrganizationRole.Admin, await RoleAsync(membership));

        using (var unconfirmed = await owner.SubmitAsync($"/settings/members/{membership}", new Dictionary<string, string>(), "remove"))
        {
            Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
            Assert.Contains("Tick the box", (await Browser.ParseAsync(unconfirmed)).Body!.TextContent);
        }
        Assert.NotNull(await RoleAsync(membership));

        using (var removed = await owner.SubmitAsync($"/settings/members/{membership}", new Dictionary<string, string> { ["RemoveInput.Confirm"] = "true" }, "remove"))
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null(await RoleAsync(membership));

        // The removed person loses the organization on their very next request.
        var after = await member.GetPageAsync("/");
        Assert.Contains("not in an organization", after.Body!.TextContent);
    }

    private Task<Guid> MembershipIdAsync(string email) => factory.WithDbAsync(db => db.Memberships.IgnoreQueryFilters()
        .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.Id, u.Email })
        .Where(x => x.Email == email).Select(x => x.Id).SingleAsync());

    private Task<OrganizationRole?> RoleAsync(Guid membershipId) => factory.WithDbAsync(db => db.Memberships.IgnoreQueryFilters()
        .Where(m => m.Id == membershipId).Select(m => (OrganizationRole?)m.Role).SingleOrDefaultAsync());
}

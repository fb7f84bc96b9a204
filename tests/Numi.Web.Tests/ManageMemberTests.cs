using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

/// <summary>/settings/members/{id} over HTTP: it prerenders the member for an owner, and an id that is not a member of
/// the owner's organization (unknown, or another organization's) answers 404. Changing a role and removing a member
/// are tested in Interactive/MemberViewTests; a member's refusal in MembersTests.</summary>
[Collection(AppCollection.Name)]
public sealed class ManageMemberTests(NumiFactory factory)
{
    [Fact]
    public async Task The_page_prerenders_the_member_for_an_owner()
    {
        using var owner = factory.CreateBrowser();
        var merchant = await owner.SignUpAsync();

        var page = await owner.GetPageAsync($"/settings/members/{await MembershipIdAsync(merchant.Email)}");

        Assert.Contains(merchant.Email, page.QuerySelector("main")?.TextContent);
        Assert.NotNull(page.QuerySelector("[data-testid=role-form]"));
    }

    [Fact]
    public async Task Another_organizations_member_and_an_unknown_id_are_not_found()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();
        using var stranger = factory.CreateBrowser();
        var other = await stranger.SignUpAsync();

        using var foreign = await owner.Client.GetAsync($"/settings/members/{await MembershipIdAsync(other.Email)}");
        using var unknown = await owner.Client.GetAsync($"/settings/members/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.DoesNotContain(other.Email, await foreign.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private Task<Guid> MembershipIdAsync(string email) => factory.WithDbAsync(db => db.Memberships.IgnoreQueryFilters()
        .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.Id, u.Email })
        .Where(x => x.Email == email).Select(x => x.Id).SingleAsync());
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;
using Numi.Web.Features.Settings;
using Numi.Web.Tenancy;

namespace Numi.Web.Tests.Infrastructure;

/// <summary>Invitations sent as the members page sends them (its operation, in the owner's current organization), for
/// tests that need someone invited. The page itself is tested in Interactive/MembersViewTests.</summary>
public static class Invitations
{
    /// <summary>Invites <paramref name="email"/> to the current organization of the owner <paramref name="ownerEmail"/>
    /// and returns the local link mailed to them.</summary>
    public static async Task<string> InviteAsync(this NumiFactory factory, string ownerEmail, string email, OrganizationRole role = OrganizationRole.Member)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NumiDbContext>();
        var owner = await db.Users.AsNoTracking().SingleAsync(u => u.Email == ownerEmail);
        var organization = await db.Organizations.IgnoreQueryFilters().AsNoTracking().SingleAsync(o => o.Id == owner.CurrentOrganizationId);
        var membership = await db.Memberships.IgnoreQueryFilters().AsNoTracking()
            .SingleAsync(m => m.UserId == owner.Id && m.OrganizationId == organization.Id);
        scope.ServiceProvider.GetRequiredService<RequestTenant>().Enter(organization.Id, organization.Name, organization.Slug, membership.Role);

        var result = await MemberOperations.InviteAsync(scope.ServiceProvider, email, role, owner.Id);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Message)));
        return await factory.LatestLinkMailedToAsync(email);
    }
}

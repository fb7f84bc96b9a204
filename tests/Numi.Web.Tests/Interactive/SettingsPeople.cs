using Microsoft.EntityFrameworkCore;
using Numi.Core.Organizations;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>Role changes made behind an open settings page's back.</summary>
public static class SettingsPeople
{
    public static Task SetRoleAsync(this NumiFactory factory, CircuitPerson person, OrganizationRole role) =>
        factory.WithDbAsync(async db =>
        {
            var membership = await db.Memberships.IgnoreQueryFilters()
                .SingleAsync(m => m.UserId == person.UserId && m.OrganizationId == person.OrganizationId);
            membership.ChangeRole(role);
            await db.SaveChangesAsync();
        });

    public static Task<Organization> OrganizationAsync(this NumiFactory factory, Guid organizationId) =>
        factory.WithDbAsync(db => db.Organizations.IgnoreQueryFilters().AsNoTracking().SingleAsync(o => o.Id == organizationId));
}

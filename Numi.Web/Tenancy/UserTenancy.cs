using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Organizations;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Tenancy;

/// <summary>A signed-in person's standing right now: every organization they belong to and the one they work in.</summary>
public sealed record UserStanding(IReadOnlyList<UserOrganization> Memberships, UserOrganization? Current);

/// <summary>Where a signed-in person works, read from the database on every request (<see cref="TenantMiddleware"/>)
/// and every operation of an interactive page (<c>CircuitOperations</c>), so both see a sign-out, a removal from the
/// organization or a switch to another one at once.</summary>
public static class UserTenancy
{
    /// <summary>Null when the sign-in no longer holds: the person is gone, or their security stamp changed since the
    /// cookie was issued (signed out, password reset), or the principal carries none.</summary>
    public static async Task<UserStanding?> ReadAsync(NumiDbContext db, ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.UserId() is not { } userId) return null;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.CurrentOrganizationId, u.SecurityStamp }).FirstOrDefaultAsync(ct);
        if (user is null) return null;
        // Every sign-in cookie carries the stamp; a principal without one is not a sign-in to trust.
        var stamp = principal.FindFirstValue(new ClaimsIdentityOptions().SecurityStampClaimType);
        if (stamp is null || stamp != user.SecurityStamp) return null;

        var memberships = await db.MembershipsOfUserAsync(userId, ct);
        var current = memberships.FirstOrDefault(m => m.OrganizationId == user.CurrentOrganizationId) ?? memberships.FirstOrDefault();
        return new UserStanding(memberships, current);
    }

    /// <summary>Makes <paramref name="organizationId"/> the person's current organization; false when they are not a
    /// member of it. The person's open interactive pages are told at once (<see cref="AccessSignals"/>).</summary>
    public static async Task<bool> SwitchAsync(NumiDbContext db, AccessSignals signals, Guid userId, Guid organizationId, CancellationToken ct)
    {
        var memberships = await db.MembershipsOfUserAsync(userId, ct);
        if (memberships.All(m => m.OrganizationId != organizationId)) return false;
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.CurrentOrganizationId, organizationId), ct);
        signals.Changed(userId);
        return true;
    }
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Members;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;
using Numi.Web.Features.Account;
using Numi.Web.Tenancy;

namespace Numi.Web.Features.Settings;

/// <summary>A row of the members grid and the members API (settable properties: the grid sorts in the database by their
/// names; the API pages newest first).</summary>
public sealed class MemberRow : ICreatedInOrder
{
    public Guid Id { get; set; }
    public string DisplayName { get; set; } = "";
    public string? Email { get; set; }
    public OrganizationRole Role { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>An invitation not yet accepted, revoked or expired.</summary>
public sealed record PendingInvitation(Guid Id, string Email, OrganizationRole Role, DateTime ExpiresAt);

/// <summary>What the members page shows besides the grid: whether the person may invite, and the pending invitations.</summary>
public sealed record MembersOverview(bool IsOwner, string OrganizationName, List<PendingInvitation> Invitations);

/// <summary>One member, as the manage page shows them.</summary>
public sealed record MemberDetails(Guid MembershipId, Guid UserId, string DisplayName, string? Email, OrganizationRole Role);

/// <summary>The members pages' reads and writes inside a <see cref="Interactive.CircuitOperations"/> scope. Everyone in
/// the organization sees its members; only owners invite and manage them, and the role is read again from the scope
/// on every call, so an owner demoted while the page is open can change nothing from then on. The role rules (an
/// organization keeps an owner) are Core's.</summary>
public static class MemberOperations
{
    public const string InviteRefusal = "Only owners invite members.";
    public const string ManageRefusal = "Only owners manage members.";

    public static bool IsOwner(IServiceProvider services) => services.GetRequiredService<RequestTenant>().IsOwner;

    /// <summary>The organization's members, oldest first (the grid's sort replaces this order).</summary>
    public static IQueryable<MemberRow> Rows(NumiDbContext db) =>
        db.Memberships.AsNoTracking()
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new MemberRow { Id = m.Id, DisplayName = u.DisplayName, Email = u.Email, Role = m.Role, CreatedAt = m.CreatedAt })
            .OrderBy(m => m.CreatedAt);

    public static async Task<MembersOverview> OverviewAsync(IServiceProvider services) =>
        new(IsOwner(services), services.GetRequiredService<RequestTenant>().OrganizationName ?? "", await InvitationsAsync(services));

    /// <summary>The invitations not yet accepted, withdrawn or expired: what the page lists and <c>GET /invitations</c> pages.</summary>
    public static IQueryable<Invitation> PendingInvitations(IServiceProvider services)
    {
        var now = services.GetRequiredService<ControllableClock>().GetUtcNow().UtcDateTime;
        return services.GetRequiredService<NumiDbContext>().Invitations.AsNoTracking()
            .Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now);
    }

    private static Task<List<PendingInvitation>> InvitationsAsync(IServiceProvider services) =>
        PendingInvitations(services).OrderByDescending(i => i.CreatedAt)
            .Select(i => new PendingInvitation(i.Id, i.Email, i.Role, i.ExpiresAt)).ToListAsync();

    public static async Task<Result<Invitation>> InviteAsync(IServiceProvider services, string? email, OrganizationRole role, Guid userId) =>
        IsOwner(services)
            ? await services.GetRequiredService<InviteMemberHandler>().HandleAsync(
                new InviteMember(email ?? "", role, userId, services.GetRequiredService<AccountLinks>().Invitation), CancellationToken.None)
            : new Error(ErrorCodes.Forbidden, InviteRefusal);

    /// <summary>A member of the circuit's organization, for an owner; null for anyone else or an unknown id.</summary>
    public static async Task<MemberDetails?> FindAsync(IServiceProvider services, Guid membershipId)
    {
        if (!IsOwner(services)) return null;
        var db = services.GetRequiredService<NumiDbContext>();
        return await db.Memberships.AsNoTracking().Where(m => m.Id == membershipId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new MemberDetails(m.Id, u.Id, u.DisplayName, u.Email, m.Role))
            .FirstOrDefaultAsync();
    }

    public static async Task<Result<Membership>> ChangeRoleAsync(IServiceProvider services, Guid membershipId, OrganizationRole role) =>
        IsOwner(services)
            ? await services.GetRequiredService<ChangeMembershipHandler>().HandleAsync(new ChangeMemberRole(membershipId, role), CancellationToken.None)
            : new Error(ErrorCodes.Forbidden, ManageRefusal);

    /// <summary>Removes the member; the removed person's open pages are told at once (<see cref="AccessSignals"/>), so
    /// they stop showing this organization without waiting for their next periodic check.</summary>
    public static async Task<Result<Membership>> RemoveAsync(IServiceProvider services, Guid membershipId)
    {
        if (!IsOwner(services)) return new Error(ErrorCodes.Forbidden, ManageRefusal);
        var result = await services.GetRequiredService<ChangeMembershipHandler>().HandleAsync(new RemoveMember(membershipId), CancellationToken.None);
        if (result.Succeeded) services.GetRequiredService<AccessSignals>().Changed(result.Value.UserId);
        return result;
    }
}

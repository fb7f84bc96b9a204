using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Organizations;

namespace Numi.Core.Members;

public sealed record AcceptInvitation(string Token, Guid UserId);

public sealed class AcceptInvitationHandler(INumiDb db, TimeProvider clock)
{
    /// <summary>The invitee is not yet inside the organization, so the lookup by secret looks past the tenant filter.</summary>
    public static Task<Invitation?> FindByTokenAcrossOrganizationsAsync(INumiDb db, string token, CancellationToken ct)
    {
        var hash = SecretToken.Hash(token);
        return db.Invitations.IgnoreQueryFilters().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
    }

    public async Task<Result<Membership>> HandleAsync(AcceptInvitation command, CancellationToken ct)
    {
        var invitation = await FindByTokenAcrossOrganizationsAsync(db, command.Token, ct);
        if (invitation is null) return Error.NotFound("This invitation link is not valid.");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.UserId, ct);
        if (user is null) return Error.NotFound("The user does not exist.");
        if (!string.Equals(user.Email, invitation.Email, StringComparison.OrdinalIgnoreCase))
            return Error.Conflict($"This invitation was sent to {invitation.Email}. Sign in with that address to accept it.");

        var now = clock.GetUtcNow().UtcDateTime;
        var accepted = invitation.Accept(now);
        if (!accepted.Succeeded) return accepted.FirstError;

        var existing = await db.Memberships.IgnoreQueryFilters()
            .FirstOrDefaultAsync(m => m.OrganizationId == invitation.OrganizationId && m.UserId == user.Id, ct);
        var membership = existing ?? Membership.Create(invitation.OrganizationId, user.Id, invitation.Role, now);
        if (existing is null) db.Memberships.Add(membership);
        user.CurrentOrganizationId = invitation.OrganizationId;
        await db.SaveChangesAsync(ct);
        return membership;
    }
}

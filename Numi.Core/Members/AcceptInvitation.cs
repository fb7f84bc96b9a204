using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Organizations;
using Numi.Core.Tenancy;

namespace Numi.Core.Members;

public sealed record AcceptInvitation(string Token, Guid UserId);

public sealed class AcceptInvitationHandler(INumiDb db, ControllableClock clock)
{
    public async Task<Result<Membership>> HandleAsync(AcceptInvitation command, CancellationToken ct)
    {
        var invitation = await db.FindInvitationByTokenAsync(command.Token, ct);
        if (invitation is null) return Error.NotFound("This invitation link is not valid.");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.UserId, ct);
        if (user is null) return Error.NotFound("The user does not exist.");
        if (!string.Equals(user.Email, invitation.Email, StringComparison.OrdinalIgnoreCase))
            return Error.Conflict($"This invitation was sent to {invitation.Email}. Sign in with that address to accept it.");

        var now = clock.GetUtcNow().UtcDateTime;
        var accepted = invitation.Accept(now);
        if (!accepted.Succeeded) return accepted.FirstError;

        var existing = await db.FindMembershipAsync(invitation.OrganizationId, user.Id, ct);
        var membership = existing ?? Membership.Create(invitation.OrganizationId, user.Id, invitation.Role, now);
        if (existing is null) db.Memberships.Add(membership);
        user.CurrentOrganizationId = invitation.OrganizationId;
        await db.SaveChangesAsync(ct);
        return membership;
    }
}

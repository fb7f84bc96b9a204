using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Organizations;

namespace Numi.Core.Members;

public sealed record ChangeMemberRole(Guid MembershipId, OrganizationRole Role);

public sealed record RemoveMember(Guid MembershipId);

/// <summary>Role changes and removals, which must never leave an organization without an owner.</summary>
public sealed class ChangeMembershipHandler(INumiDb db)
{
    public async Task<Result<Membership>> HandleAsync(ChangeMemberRole command, CancellationToken ct)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == command.MembershipId, ct);
        if (membership is null) return Error.NotFound("This member does not exist.");
        if (!Enum.IsDefined(command.Role)) return Error.Invalid("role", "Choose a role.");
        if (membership.Role == OrganizationRole.Owner && command.Role != OrganizationRole.Owner && await IsLastOwnerAsync(membership, ct))
            return Error.Conflict("An organization needs at least one owner. Make someone else an owner first.", "role");
        membership.ChangeRole(command.Role);
        await db.SaveChangesAsync(ct);
        return membership;
    }

    public async Task<Result<Membership>> HandleAsync(RemoveMember command, CancellationToken ct)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == command.MembershipId, ct);
        if (membership is null) return Error.NotFound("This member does not exist.");
        if (membership.Role == OrganizationRole.Owner && await IsLastOwnerAsync(membership, ct))
            return Error.Conflict("The last owner cannot be removed.");
        db.Memberships.Remove(membership);
        await db.SaveChangesAsync(ct);
        return membership;
    }

    private async Task<bool> IsLastOwnerAsync(Membership membership, CancellationToken ct) =>
        !await db.Memberships.AnyAsync(m => m.Id != membership.Id && m.Role == OrganizationRole.Owner, ct);
}

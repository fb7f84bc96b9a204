using Microsoft.EntityFrameworkCore;
using Numi.Core.ApiKeys;
using Numi.Core.Common;
using Numi.Core.Organizations;

namespace Numi.Core.Tenancy;

/// <summary>An organization a person belongs to, with their role in it.</summary>
public sealed record UserOrganization(Guid OrganizationId, string Name, string Slug, OrganizationRole Role);

/// <summary>An organization's name and slug, for entering it.</summary>
public sealed record OrganizationName(Guid Id, string Name, string Slug);

public static partial class AcrossTenants
{
    /// <summary>A request with an API key does not know its organization until the key is found: the active key whose
    /// secret this is, whichever organization holds it.</summary>
    public static Task<ApiKey?> FindActiveApiKeyBySecretAsync(this INumiDb db, string secret, CancellationToken ct)
    {
        var hash = SecretToken.Hash(secret);
        return db.ApiKeys.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(k => k.SecretHash == hash && k.RevokedAt == null, ct);
    }

    /// <summary>Notes when the key was last used, before its organization is entered.</summary>
    public static Task RecordApiKeyUseAsync(this INumiDb db, Guid keyId, DateTime now, CancellationToken ct) =>
        db.ApiKeys.IgnoreQueryFilters().Where(k => k.Id == keyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);

    /// <summary>The organization a request has just identified (by its API key or a membership) by id.</summary>
    public static Task<OrganizationName?> FindOrganizationNameAsync(this INumiDb db, Guid organizationId, CancellationToken ct) =>
        db.Organizations.IgnoreQueryFilters().AsNoTracking().Where(o => o.Id == organizationId)
            .Select(o => new OrganizationName(o.Id, o.Name, o.Slug)).FirstOrDefaultAsync(ct);

    /// <summary>A person's memberships span organizations by nature: the signed-in user's own, by organization name.</summary>
    public static Task<List<UserOrganization>> MembershipsOfUserAsync(this INumiDb db, Guid userId, CancellationToken ct) =>
        db.Memberships.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.Organizations.IgnoreQueryFilters(), m => m.OrganizationId, o => o.Id, (m, o) => new { o.Id, o.Name, o.Slug, m.Role })
            // Ordered before the record is built: EF cannot translate an OrderBy over a constructor call.
            .OrderBy(o => o.Name)
            .Select(o => new UserOrganization(o.Id, o.Name, o.Slug, o.Role))
            .ToListAsync(ct);

    /// <summary>The invitee is not inside the organization yet: the invitation whose link (token) this is.</summary>
    public static Task<Invitation?> FindInvitationByTokenAsync(this INumiDb db, string token, CancellationToken ct)
    {
        var hash = SecretToken.Hash(token);
        return db.Invitations.IgnoreQueryFilters().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
    }

    /// <summary>The invitee's membership of the organization they were invited to, if they already have one.</summary>
    public static Task<Membership?> FindMembershipAsync(this INumiDb db, Guid organizationId, Guid userId, CancellationToken ct) =>
        db.Memberships.IgnoreQueryFilters().FirstOrDefaultAsync(m => m.OrganizationId == organizationId && m.UserId == userId, ct);
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Organizations;

public static class OrganizationSlugs
{
    /// <summary>Slugs are unique across all organizations, so this check deliberately looks past the tenant filter.</summary>
    public static Task<bool> IsTakenAcrossOrganizationsAsync(this INumiDb db, string slug, CancellationToken ct) =>
        db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.Slug == Slug.Normalize(slug), ct);

    public static Task<Organization?> FindBySlugAcrossOrganizationsAsync(this INumiDb db, string slug, CancellationToken ct) =>
        db.Organizations.IgnoreQueryFilters().FirstOrDefaultAsync(o => o.Slug == Slug.Normalize(slug), ct);
}

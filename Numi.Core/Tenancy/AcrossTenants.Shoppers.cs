using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Organizations;

namespace Numi.Core.Tenancy;

public static partial class AcrossTenants
{
    /// <summary>Shoppers are not signed in: the organization whose slug a public link names, in any case.</summary>
    public static Task<OrganizationName?> FindOrganizationBySlugAsync(this INumiDb db, string slug, CancellationToken ct)
    {
        var normalized = Slug.Normalize(slug);
        return db.Organizations.IgnoreQueryFilters().AsNoTracking().Where(o => o.Slug == normalized)
            .Select(o => new OrganizationName(o.Id, o.Name, o.Slug)).FirstOrDefaultAsync(ct);
    }

    /// <summary>Slugs are unique across all organizations (they are public links): whether one holds this slug.</summary>
    public static Task<bool> OrganizationSlugTakenAsync(this INumiDb db, string slug, CancellationToken ct)
    {
        var normalized = Slug.Normalize(slug);
        return db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.Slug == normalized, ct);
    }

    /// <summary>A checkout session a link names, with the organization that owns it, in one round trip. Tracked when the
    /// page that reads it may change it (a post); a page that only shows it reads it untracked, which spares the change
    /// tracker's snapshot of its JSON columns (a serialization and a parse of each).</summary>
    public static async Task<(CheckoutSession Session, OrganizationName Owner)?> FindCheckoutSessionWithOwnerAsync(this INumiDb db, Guid sessionId, bool tracked,
        CancellationToken ct)
    {
        var sessions = tracked ? db.CheckoutSessions.IgnoreQueryFilters() : db.CheckoutSessions.IgnoreQueryFilters().AsNoTracking();
        var found = await (from session in sessions
                           join organization in db.Organizations.IgnoreQueryFilters() on session.OrganizationId equals organization.Id
                           where session.Id == sessionId
                           select new { session, Owner = new OrganizationName(organization.Id, organization.Name, organization.Slug) }).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.session, found.Owner);
    }

    /// <summary>Binds an open, unexpired session no browser holds yet to the browser key whose hash is given, before any
    /// page runs (so before its organization is entered); answers the session's expiry when this call bound it.</summary>
    public static async Task<DateTime?> BindCheckoutBrowserAsync(this INumiDb db, Guid sessionId, string keyHash, DateTime now, CancellationToken ct)
    {
        var bound = await db.CheckoutSessions.IgnoreQueryFilters()
            .Where(s => s.Id == sessionId && s.BrowserKeyHash == null && s.Status == CheckoutSessionStatus.Open && s.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.BrowserKeyHash, keyHash), ct);
        if (bound == 0) return null;
        return await db.CheckoutSessions.IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == sessionId).Select(s => s.ExpiresAt).FirstAsync(ct);
    }
}

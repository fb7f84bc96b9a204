using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Offers;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;
using Numi.Web.Tenancy;

namespace Numi.Web.Features.Checkout;

/// <summary>Shoppers are not signed in: their pages enter the organization named by the URL (an offer's slugs, or a
/// checkout session's id). These two lookups are the only ones that cross the tenant filter, and only to find which
/// organization a public link belongs to; everything after them runs inside that organization. The last two read and
/// set, before any page runs, only which browser a session is bound to.</summary>
public static class ShopperTenant
{
    public static async Task<Offer?> EnterForOfferAsync(NumiDbContext db, RequestTenant tenant, string organizationSlug, string offerSlug, CancellationToken ct)
    {
        // Slugs are stored lower-case; a link typed in another case finds the same offer on every database.
        organizationSlug = Slug.Normalize(organizationSlug);
        offerSlug = Slug.Normalize(offerSlug);
        var organization = await db.Organizations.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.Slug == organizationSlug).Select(o => new { o.Id, o.Name, o.Slug }).FirstOrDefaultAsync(ct);
        if (organization is null) return null;
        tenant.Enter(organization.Id, organization.Name, organization.Slug, role: null);
        return await db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == offerSlug && o.Status == OfferStatus.Published, ct);
    }

    public static async Task<CheckoutSession?> EnterForSessionAsync(NumiDbContext db, RequestTenant tenant, Guid sessionId, CancellationToken ct)
    {
        var owner = await (from session in db.CheckoutSessions.IgnoreQueryFilters()
                           join organization in db.Organizations.IgnoreQueryFilters() on session.OrganizationId equals organization.Id
                           where session.Id == sessionId
                           select new { organization.Id, organization.Name, organization.Slug }).AsNoTracking().FirstOrDefaultAsync(ct);
        if (owner is null) return null;
        tenant.Enter(owner.Id, owner.Name, owner.Slug, role: null);
        return await db.CheckoutSessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct);
    }

    /// <summary>Binds an open session no browser holds yet to the browser key whose hash is given, before any page runs (so
    /// before its organization is entered); answers the session's expiry when this call bound it, else null.</summary>
    public static async Task<DateTime?> BindBrowserAsync(NumiDbContext db, Guid sessionId, string keyHash, DateTime now, CancellationToken ct)
    {
        var bound = await db.CheckoutSessions.IgnoreQueryFilters()
            .Where(s => s.Id == sessionId && s.BrowserKeyHash == null && s.Status == CheckoutSessionStatus.Open && s.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.BrowserKeyHash, keyHash), ct);
        if (bound == 0) return null;
        return await db.CheckoutSessions.IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == sessionId).Select(s => s.ExpiresAt).FirstAsync(ct);
    }

    /// <summary>Whether the session exists, and the hash of the browser key it is bound to (<see cref="CheckoutBrowser"/>).</summary>
    public static async Task<(bool Found, string? BrowserKeyHash)> BrowserOfSessionAsync(NumiDbContext db, Guid sessionId, CancellationToken ct)
    {
        var session = await db.CheckoutSessions.IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.BrowserKeyHash }).FirstOrDefaultAsync(ct);
        return (session is not null, session?.BrowserKeyHash);
    }
}

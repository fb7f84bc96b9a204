using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Offers;
using Numi.Core.Organizations;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;
using Numi.Web.Tenancy;

namespace Numi.Web.Features.Checkout;

/// <summary>Shoppers are not signed in: their pages enter the organization named by the URL (an offer's slugs, or a
/// checkout session's id), found through <see cref="AcrossTenants"/>; everything after runs inside that organization.</summary>
public static class ShopperTenant
{
    public static async Task<Offer?> EnterForOfferAsync(NumiDbContext db, RequestTenant tenant, string organizationSlug, string offerSlug, CancellationToken ct)
    {
        // Slugs are stored lower-case; a link typed in another case finds the same offer on every database.
        var organization = await db.FindOrganizationBySlugAsync(organizationSlug, ct);
        offerSlug = Slug.Normalize(offerSlug);
        if (organization is null) return null;
        tenant.Enter(organization.Id, organization.Name, organization.Slug, role: null);
        return await db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == offerSlug && o.Status == OfferStatus.Published, ct);
    }

    /// <summary>Enters the organization of the session, read here unless <see cref="CheckoutBrowserGuard"/> already
    /// read it for this request (<see cref="KeepFound"/>): a post to a checkout then reads its session once. Read
    /// tracked when the page may change it; the guard's (a post's) always is.</summary>
    public static async Task<CheckoutSession?> EnterForSessionAsync(NumiDbContext db, RequestTenant tenant, Guid sessionId, HttpContext? http,
        bool tracked, CancellationToken ct)
    {
        var found = http?.Items[FoundKey] is (CheckoutSession kept, OrganizationName keptOwner) && kept.Id == sessionId
            ? (kept, keptOwner)
            : await db.FindCheckoutSessionWithOwnerAsync(sessionId, tracked, ct);
        if (found is not var (session, owner)) return null;
        tenant.Enter(owner.Id, owner.Name, owner.Slug, role: null);
        return session;
    }

    /// <summary>Hands a session read (tracked, by this request's context) before any page ran to the page that enters
    /// its organization.</summary>
    public static void KeepFound(HttpContext http, CheckoutSession session, OrganizationName owner) => http.Items[FoundKey] = (session, owner);

    private static readonly object FoundKey = new();
}

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

    /// <summary>Enters the session's organization and answers the session, tracked when the page may change it.</summary>
    public static async Task<CheckoutSession?> EnterForSessionAsync(NumiDbContext db, RequestTenant tenant, Guid sessionId, bool tracked, CancellationToken ct)
    {
        if (await db.FindCheckoutSessionWithOwnerAsync(sessionId, tracked, ct) is not var (session, owner)) return null;
        tenant.Enter(owner.Id, owner.Name, owner.Slug, role: null);
        return session;
    }
}

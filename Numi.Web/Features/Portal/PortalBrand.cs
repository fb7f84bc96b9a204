using Microsoft.EntityFrameworkCore;
using Numi.Core.Offers;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Portal;

/// <summary>An organization has no brand of its own yet: its checkout pages carry it, one per offer. The portal wears the
/// design of the offer published last, the one its customers most likely saw, or Numi's default.</summary>
public static class PortalBrand
{
    public static async Task<OfferDesign> OfAsync(NumiDbContext db, CancellationToken ct) =>
        await db.Offers.AsNoTracking().Where(o => o.Status == OfferStatus.Published)
            .OrderByDescending(o => o.PublishedAt).Select(o => o.Design).FirstOrDefaultAsync(ct) ?? OfferDesign.Default;
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Orders;
using Numi.Infrastructure.Persistence;
using Numi.Web.Features.FunnelRuntime;

namespace Numi.Web.Features.Checkout;

/// <summary>What a paid session's page needs of its order, in one query (three before, one per part): the order with
/// its lines (<see cref="ThankYou"/>), the upsell order accepted after it, which <see cref="UpsellOffer"/> shows instead
/// of offering the upsell, and the funnel that opened the checkout, which the page sends the shopper back to
/// (<see cref="FunnelReturn"/>). The upsell and the funnel are indexed look-ups, as their own queries were.</summary>
public sealed record PaidOrderRead(Order Order, PaidOrderRead.Upsell? Accepted, string? FunnelSlug)
{
    /// <summary>The upsell's order as the page shows it.</summary>
    public sealed record Upsell(int Number, long AmountTotal, string Currency);

    /// <summary>Null when the order does not exist in the organization being worked in.</summary>
    public static async Task<PaidOrderRead?> ReadAsync(NumiDbContext db, Guid orderId, Guid checkoutSessionId, CancellationToken ct)
    {
        var upsells = db.Orders.AsNoTracking();
        var funnels = FunnelReturn.SlugsOf(db, checkoutSessionId);
        // Scalar columns, not the upsell's entity: an entity's first-or-default is a join over a window of the
        // organization's orders on some providers; these are lookups on the parent order's index.
        var read = await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.Id == orderId)
            .Select(o => new
            {
                Order = o,
                UpsellNumber = upsells.Where(u => u.ParentOrderId == o.Id).OrderBy(u => u.Number).Select(u => (int?)u.Number).FirstOrDefault(),
                UpsellTotal = upsells.Where(u => u.ParentOrderId == o.Id).OrderBy(u => u.Number).Select(u => (long?)u.AmountTotal).FirstOrDefault(),
                UpsellCurrency = upsells.Where(u => u.ParentOrderId == o.Id).OrderBy(u => u.Number).Select(u => u.Currency).FirstOrDefault(),
                FunnelSlug = funnels.FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (read is null) return null;
        var accepted = read.UpsellNumber is { } number ? new Upsell(number, read.UpsellTotal ?? 0, read.UpsellCurrency!) : null;
        return new PaidOrderRead(read.Order, accepted, read.FunnelSlug);
    }
}

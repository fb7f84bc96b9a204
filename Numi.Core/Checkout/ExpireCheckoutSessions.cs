using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Checkout;

/// <summary>Closes open checkouts whose time is up, in every organization (run by a job, so it deliberately looks
/// past the tenant filter). A session held by a payment attempt, or waiting for the bank's authentication, is left
/// alone: its charge may go through. Discount code uses still reserved by expired checkouts are given back.</summary>
public sealed class ExpireCheckoutSessionsHandler(INumiDb db, Discounts.DiscountReservations discounts, TimeProvider clock)
{
    public async Task<int> HandleAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = await db.CheckoutSessions.IgnoreQueryFilters()
            .Where(s => s.Status == CheckoutSessionStatus.Open && s.ExpiresAt <= now && s.PendingPaymentIntent == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, CheckoutSessionStatus.Expired).SetProperty(x => x.UpdatedAt, now), ct);
        await discounts.ReleaseExpiredAsync(ct);
        return expired;
    }
}

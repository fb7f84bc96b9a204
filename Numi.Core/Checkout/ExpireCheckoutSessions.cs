using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Tenancy;

namespace Numi.Core.Checkout;

/// <summary>Closes open checkouts whose time is up, in every organization (run by a job). A session held by a payment attempt, or waiting for the bank's authentication, is left
/// alone: its charge may go through. Discount code uses still reserved by expired checkouts are given back.</summary>
public sealed class ExpireCheckoutSessionsHandler(INumiDb db, Discounts.DiscountReservations discounts, ControllableClock clock)
{
    public async Task<int> HandleAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = await db.ExpireOpenCheckoutSessionsAsync(now, ct);
        await discounts.ReleaseExpiredAsync(ct);
        return expired;
    }
}

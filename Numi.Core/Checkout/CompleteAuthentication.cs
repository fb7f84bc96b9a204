using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Orders;
using Numi.Core.Payments;

namespace Numi.Core.Checkout;

/// <summary>The shopper came back from their bank's authentication (3-D Secure). The outcome is asked of the processor,
/// never taken from the browser; the session is held exactly as for a payment, so this also completes at most once.</summary>
public sealed record CompleteAuthentication(Guid SessionId);

public sealed class CompleteAuthenticationHandler(INumiDb db, IPaymentGateway gateway, CheckoutFulfilment fulfilment, CheckoutPricing pricing, ControllableClock clock)
{
    public async Task<Result<Order>> HandleAsync(CompleteAuthentication command, CancellationToken ct)
    {
        var session = await db.CheckoutSessions.FirstOrDefaultAsync(s => s.Id == command.SessionId, ct);
        if (session is null) return Error.NotFound("No such checkout session.", "id");
        var now = clock.GetUtcNow().UtcDateTime;
        var open = session.EnsureOpen(now);
        if (!open.Succeeded) return Result<Order>.Failure(open.Errors);
        if (session.PendingPaymentIntent is not { } intent) return Error.Conflict("This checkout has no payment waiting for authentication.", "id");

        var (offer, prices) = await CheckoutQueries.LoadOfferAsync(db, session.OfferId, ct, session.Selection.Values.Select(c => c.Price));
        if (offer is null) return Error.Conflict("The offer of this checkout no longer exists.", "id");
        var cart = await pricing.PriceAsync(offer, prices, session.Selection, session, ct);
        if (!cart.Succeeded) return Result<Order>.Failure(cart.Errors);

        var held = await fulfilment.HoldAsync(session, now, ct);
        if (!held.Succeeded) return Result<Order>.Failure(held.Errors);

        var outcome = await gateway.RetrieveAsync(intent, ct);
        return await fulfilment.FinishAsync(session, cart.Value, outcome, ct);
    }
}

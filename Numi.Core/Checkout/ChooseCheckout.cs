using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Checkout;

/// <summary>The shopper changes options, quantities or the order bump; the amounts are recomputed from current prices.</summary>
public sealed record ChooseCheckout(Guid SessionId, IReadOnlyDictionary<string, SlotChoice> Selection);

public sealed class ChooseCheckoutHandler(INumiDb db, CheckoutPricing pricing, TimeProvider clock)
{
    public async Task<Result<CheckoutSession>> HandleAsync(ChooseCheckout command, CancellationToken ct)
    {
        var session = await db.CheckoutSessions.FirstOrDefaultAsync(s => s.Id == command.SessionId, ct);
        if (session is null) return Error.NotFound("No such checkout session.", "id");
        var now = clock.GetUtcNow().UtcDateTime;
        var open = session.EnsureOpen(now);
        if (!open.Succeeded) return open;
        // A payment in flight (even one whose answer was lost) is for the order as it was: it cannot change under it.
        if (session.Status != CheckoutSessionStatus.Open) return Error.Conflict("A payment for this checkout is already in progress.", "id");

        var (offer, prices) = await CheckoutQueries.LoadOfferAsync(db, session.OfferId, ct, command.Selection.Values.Select(c => c.Price));
        if (offer is null) return Error.Conflict("The offer of this checkout no longer exists.", "id");
        // Required slots the shopper did not mention keep their default, so the stored selection is the whole order.
        var selection = CheckoutCart.Defaults(offer);
        foreach (var (key, choice) in command.Selection) selection[key] = choice;
        var cart = await pricing.PriceAsync(offer, prices, selection, session, ct);
        if (!cart.Succeeded) return Result<CheckoutSession>.Failure(cart.Errors);
        session.Choose(cart.Value, selection, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("This checkout changed at the same moment (a payment started); reload it.", "id");
        }
        return session;
    }
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Payments;

namespace Numi.Core.Webhooks;

/// <summary>The processor reports <paramref name="PaymentIntent"/> as paid (Stripe's <c>payment_intent.succeeded</c>),
/// for the checkout its metadata names, if any.</summary>
public sealed record CompletePaidCheckout(string PaymentIntent, string? CheckoutSession);

/// <summary>Completes the checkout whose shopper closed the tab (or whose answer from
/// the processor was lost). The processor is asked where the payment stands, never the payload; the order is made by
/// <see cref="CheckoutFulfilment"/>, which holds the session first, so racing the shopper's own return makes one order.</summary>
public sealed class CompletePaidCheckoutHandler(INumiDb db, IPaymentGateway gateway, CheckoutFulfilment fulfilment, CheckoutPricing pricing, ControllableClock clock)
{
    public async Task<WebhookHandling> HandleAsync(CompletePaidCheckout command, CancellationToken ct)
    {
        var intent = command.PaymentIntent;
        if (await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.PaymentIntentId == intent, ct) is { } made)
            return WebhookHandling.Nothing($"Order #{made.Number} was already made for this payment.");
        var session = await CheckoutOfIntent.FindAsync(db, command.CheckoutSession, intent, ct);
        if (session is null) return WebhookHandling.Nothing("No Numi checkout made this payment.");
        if (session.Status == CheckoutSessionStatus.Complete)
        {
            // The shopper's own return may have made the order between the look-up above and this read.
            if (await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.CheckoutSessionId == session.Id && o.PaymentIntentId == intent, ct) is { } mine)
                return WebhookHandling.Nothing($"Order #{mine.Number} was already made for this payment.");
            return WebhookHandling.Nothing($"Checkout {session.PublicId} was already paid with another payment; check {intent} in Stripe.");
        }
        if (session.Status == CheckoutSessionStatus.Expired)
            return WebhookHandling.Nothing($"Checkout {session.PublicId} had expired; no order was made for {intent}: refund it in Stripe.");

        var outcome = await gateway.RetrieveAsync(intent, ct);
        if (!outcome.Succeeded) return WebhookHandling.Later($"The processor does not report {intent} as paid. {outcome.Describe()}");

        var (offer, prices) = await CheckoutQueries.LoadOfferAsync(db, session.OfferId, ct, session.Selection.Values.Select(c => c.Price));
        if (offer is null) return WebhookHandling.Nothing($"The offer of checkout {session.PublicId} no longer exists; no order was made for {intent}.");
        var cart = await pricing.PriceAsync(offer, prices, session.Selection, session, ct);
        if (!cart.Succeeded) return WebhookHandling.Nothing($"Checkout {session.PublicId} cannot be priced ({cart.FirstError.Message}); no order was made for {intent}.");

        // The shopper may be paying or returning from the bank at this moment: then this waits and looks again.
        var held = await fulfilment.HoldAsync(session, clock.GetUtcNow().UtcDateTime, ct);
        if (!held.Succeeded) return WebhookHandling.Later(held.FirstError.Message);
        var order = await fulfilment.FinishAsync(session, cart.Value, outcome, ct);
        if (order.Succeeded) return WebhookHandling.Applied($"Made order #{order.Value.Number} for checkout {session.PublicId}.");
        return order.FirstError.Code == ErrorCodes.StateConflict
            ? WebhookHandling.Later(order.FirstError.Message)
            : WebhookHandling.Nothing($"No order was made for {intent}: {order.FirstError.Message}");
    }
}

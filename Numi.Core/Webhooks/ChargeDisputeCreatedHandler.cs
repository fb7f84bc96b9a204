using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Webhooks;

/// <summary><c>charge.dispute.created</c>: the customer's bank disputes a payment; its order shows the dispute (amount,
/// reason, id) so the merchant can answer it in Stripe. Recorded once per dispute; an event whose order does not exist
/// yet waits and is retried.</summary>
public sealed class ChargeDisputeCreatedHandler(INumiDb db, TimeProvider clock) : IStripeEventHandler
{
    public string Type => "charge.dispute.created";

    public async Task<WebhookHandling> HandleAsync(StripeEvent stripeEvent, CancellationToken ct)
    {
        if (stripeEvent.Text("id") is not { Length: <= 100 } disputeId) return WebhookHandling.Nothing("The event names no dispute.");
        if (stripeEvent.Text("payment_intent") is not { } intent) return WebhookHandling.Nothing("The dispute names no payment intent.");
        var order = await db.Orders.FirstOrDefaultAsync(o => o.PaymentIntentId == intent, ct);
        if (order is null) return WebhookHandling.Later($"No order has payment {intent} yet.");

        var amount = stripeEvent.Number("amount") ?? order.AmountTotal;
        var reason = stripeEvent.Text("reason") is { } text ? text[..Math.Min(text.Length, 100)] : null;
        if (!order.Disputed(disputeId, amount, reason, clock.GetUtcNow().UtcDateTime))
            return WebhookHandling.Nothing($"Order #{order.Number} already shows dispute {disputeId}.");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WebhookHandling.Later($"Order #{order.Number} changed at the same moment; looking again.");
        }
        return WebhookHandling.Applied($"Order #{order.Number} is disputed: {Money.Format(amount, order.Currency)} ({reason ?? "no reason given"}).");
    }
}

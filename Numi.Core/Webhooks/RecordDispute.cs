using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Webhooks;

/// <summary>The processor reports a dispute of the payment <paramref name="PaymentIntent"/> (Stripe's <c>charge.dispute.created</c>).</summary>
public sealed record RecordDispute(string DisputeId, string PaymentIntent, long? Amount, string? Reason);

/// <summary>The customer's bank disputes a payment; its order shows the dispute (amount,
/// reason, id) so the merchant can answer it in Stripe. Recorded once per dispute; an event whose order does not exist
/// yet waits and is retried.</summary>
public sealed class RecordDisputeHandler(INumiDb db, ControllableClock clock)
{
    public async Task<WebhookHandling> HandleAsync(RecordDispute command, CancellationToken ct)
    {
        if (command.DisputeId is not { Length: > 0 and <= 100 } disputeId) return WebhookHandling.Nothing("The event names no dispute.");
        var intent = command.PaymentIntent;
        var order = await db.Orders.FirstOrDefaultAsync(o => o.PaymentIntentId == intent, ct);
        if (order is null) return WebhookHandling.Later($"No order has payment {intent} yet.");

        var amount = command.Amount ?? order.AmountTotal;
        var reason = command.Reason is { } text ? text[..Math.Min(text.Length, 100)] : null;
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

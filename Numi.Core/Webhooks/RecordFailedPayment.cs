using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Payments;

namespace Numi.Core.Webhooks;

/// <summary>The processor reports <paramref name="PaymentIntent"/> as failed (Stripe's <c>payment_intent.payment_failed</c>)
/// with its decline code, for the checkout its metadata names, if any.</summary>
public sealed record RecordFailedPayment(string PaymentIntent, string? CheckoutSession, string DeclineCode);

/// <summary>A checkout still waiting on that payment (the bank's authentication)
/// stops waiting and records the decline, so the shopper sees it and can pay another way. Nothing else changes: a
/// completed checkout, one paying again, or one waiting on a newer payment is left alone, and so is a payment the
/// processor now reports as paid (its <c>succeeded</c> event completes the checkout).</summary>
public sealed class RecordFailedPaymentHandler(INumiDb db, IPaymentGateway gateway, ControllableClock clock)
{
    public async Task<WebhookHandling> HandleAsync(RecordFailedPayment command, CancellationToken ct)
    {
        var intent = command.PaymentIntent;
        var session = await CheckoutOfIntent.FindAsync(db, command.CheckoutSession, intent, ct);
        if (session is null) return WebhookHandling.Nothing("No Numi checkout made this payment.");
        if (!IsWaitingOn(session, intent)) return WebhookHandling.Nothing($"Checkout {session.PublicId} is not waiting on this payment; nothing changed.");
        if ((await gateway.RetrieveAsync(intent, ct)).Succeeded)
            return WebhookHandling.Nothing($"The processor reports {intent} as paid since; its success completes checkout {session.PublicId}.");

        var declineCode = command.DeclineCode;
        session.AttemptFailed(declineCode, clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WebhookHandling.Later($"Checkout {session.PublicId} changed at the same moment; looking again.");
        }
        return WebhookHandling.Applied($"Checkout {session.PublicId} recorded the decline ({declineCode}).");
    }

    public static bool IsWaitingOn(CheckoutSession session, string intent) =>
        session.Status == CheckoutSessionStatus.Open && session.PendingPaymentIntent == intent;
}

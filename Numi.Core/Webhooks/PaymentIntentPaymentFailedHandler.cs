using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Payments;

namespace Numi.Core.Webhooks;

/// <summary><c>payment_intent.payment_failed</c>: a checkout still waiting on that payment (the bank's authentication)
/// stops waiting and records the decline, so the shopper sees it and can pay another way. Nothing else changes: a
/// completed checkout, one paying again, or one waiting on a newer payment is left alone, and so is a payment the
/// processor now reports as paid (its <c>succeeded</c> event completes the checkout).</summary>
public sealed class PaymentIntentPaymentFailedHandler(INumiDb db, IPaymentGateway gateway, TimeProvider clock) : IStripeEventHandler
{
    public string Type => "payment_intent.payment_failed";

    public async Task<WebhookHandling> HandleAsync(StripeEvent stripeEvent, CancellationToken ct)
    {
        if (stripeEvent.Text("id") is not { } intent) return WebhookHandling.Nothing("The event names no payment intent.");
        var session = await CheckoutOfIntent.FindAsync(db, stripeEvent, intent, ct);
        if (session is null) return WebhookHandling.Nothing("No Numi checkout made this payment.");
        if (!IsWaitingOn(session, intent)) return WebhookHandling.Nothing($"Checkout {session.PublicId} is not waiting on this payment; nothing changed.");
        if ((await gateway.RetrieveAsync(intent, ct)).Succeeded)
            return WebhookHandling.Nothing($"The processor reports {intent} as paid since; its success completes checkout {session.PublicId}.");

        var declineCode = DeclineCode(stripeEvent);
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

    /// <summary>Stripe's <c>last_payment_error.decline_code</c>, else its error code (such as
    /// <c>payment_intent_authentication_failure</c>), else a generic decline.</summary>
    public static string DeclineCode(StripeEvent stripeEvent) =>
        stripeEvent.Text("last_payment_error", "decline_code") ?? stripeEvent.Text("last_payment_error", "code") ?? "generic_decline";
}

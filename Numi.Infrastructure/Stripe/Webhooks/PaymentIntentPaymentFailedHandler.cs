using global::Stripe;
using Numi.Core.Webhooks;

namespace Numi.Infrastructure.Stripe.Webhooks;

/// <summary><c>payment_intent.payment_failed</c>: the checkout waiting on that payment records the decline.</summary>
public sealed class PaymentIntentPaymentFailedHandler(RecordFailedPaymentHandler record) : StripeObjectHandler<PaymentIntent>
{
    public override string Type => "payment_intent.payment_failed";

    protected override Task<WebhookHandling> ApplyAsync(PaymentIntent intent, CancellationToken ct) => string.IsNullOrEmpty(intent.Id)
        ? Nothing("The event names no payment intent.")
        : record.HandleAsync(new RecordFailedPayment(intent.Id, intent.Metadata?.GetValueOrDefault(StripeMetadata.CheckoutSession), DeclineCode(intent)), ct);

    /// <summary>Stripe's <c>last_payment_error.decline_code</c>, else its error code (such as
    /// <c>payment_intent_authentication_failure</c>), else a generic decline.</summary>
    public static string DeclineCode(PaymentIntent intent) =>
        NonEmpty(intent.LastPaymentError?.DeclineCode) ?? NonEmpty(intent.LastPaymentError?.Code) ?? "generic_decline";

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}

using global::Stripe;
using Numi.Core.Webhooks;

namespace Numi.Infrastructure.Stripe.Webhooks;

/// <summary><c>payment_intent.succeeded</c>: completes the checkout its metadata names (the shopper closed the tab, or
/// Stripe's answer was lost). Only the intent's id and metadata are read; the use case asks Stripe where it stands.</summary>
public sealed class PaymentIntentSucceededHandler(CompletePaidCheckoutHandler complete) : StripeObjectHandler<PaymentIntent>
{
    public override string Type => "payment_intent.succeeded";

    protected override Task<WebhookHandling> ApplyAsync(PaymentIntent intent, CancellationToken ct) => string.IsNullOrEmpty(intent.Id)
        ? Nothing("The event names no payment intent.")
        : complete.HandleAsync(new CompletePaidCheckout(intent.Id, intent.Metadata?.GetValueOrDefault(StripeMetadata.CheckoutSession)), ct);
}

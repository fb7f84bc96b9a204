using global::Stripe;
using Numi.Core.Webhooks;

namespace Numi.Infrastructure.Stripe.Webhooks;

/// <summary>Reads one type of Stripe event (Stripe.net's typed <c>data.object</c>) and applies it through a Core use
/// case, which knows no Stripe. Idempotent and tolerant of any order of arrival, as the use cases are.</summary>
public interface IStripeEventHandler
{
    /// <summary>The Stripe event type handled, such as <c>payment_intent.succeeded</c>.</summary>
    string Type { get; }

    Task<WebhookHandling> HandleAsync(Event stripeEvent, CancellationToken ct);
}

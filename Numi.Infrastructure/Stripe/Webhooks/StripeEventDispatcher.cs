using Numi.Core.Webhooks;

namespace Numi.Infrastructure.Stripe.Webhooks;

/// <summary>Applies a stored Stripe event with the handler registered for its type; other types are kept and ignored.
/// The body was verified when it arrived and is read again here, typed, by Stripe.net.</summary>
public sealed class StripeEventDispatcher(IEnumerable<IStripeEventHandler> handlers) : IWebhookEventDispatcher
{
    private readonly Dictionary<string, IStripeEventHandler> _handlers = handlers.ToDictionary(h => h.Type, StringComparer.Ordinal);

    public async Task<WebhookHandling> DispatchAsync(WebhookEvent stored, CancellationToken ct)
    {
        if (!_handlers.TryGetValue(stored.Type, out var handler)) return WebhookHandling.Nothing("Stored; Numi does not act on this type.");
        if (StripeEvents.TryRead(stored.Payload) is not { } stripeEvent)
            return WebhookHandling.Nothing("Stored; Stripe.net cannot read this event, so Numi does not act on it.");
        return await handler.HandleAsync(stripeEvent, ct);
    }
}

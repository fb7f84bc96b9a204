using global::Stripe;
using Numi.Core.Webhooks;

namespace Numi.Infrastructure.Stripe.Webhooks;

/// <summary>A handler of events about one kind of Stripe object (<typeparamref name="T"/>, Stripe.net's typed
/// <c>data.object</c>): an event carrying anything else is answered as nothing to do, never retried.</summary>
public abstract class StripeObjectHandler<T> : IStripeEventHandler where T : class, IHasObject
{
    public abstract string Type { get; }

    public Task<WebhookHandling> HandleAsync(Event stripeEvent, CancellationToken ct) =>
        stripeEvent.Data?.Object is T about
            ? ApplyAsync(about, ct)
            : Task.FromResult(WebhookHandling.Nothing($"The event carries no {typeof(T).Name}."));

    protected abstract Task<WebhookHandling> ApplyAsync(T about, CancellationToken ct);

    protected static Task<WebhookHandling> Nothing(string note) => Task.FromResult(WebhookHandling.Nothing(note));
}

namespace Numi.Core.Webhooks;

/// <summary>The port to the payment processor's event format: reads a stored event and applies it inside the event's
/// organization through the use cases of this folder (which know no processor). Must be idempotent and tolerate any
/// order of arrival: an event that cannot be applied yet (its order does not exist yet) answers
/// <see cref="WebhookHandling.Later"/> and is retried. Types Numi does not act on are answered as nothing to do.</summary>
public interface IWebhookEventDispatcher
{
    Task<WebhookHandling> DispatchAsync(WebhookEvent stored, CancellationToken ct);
}

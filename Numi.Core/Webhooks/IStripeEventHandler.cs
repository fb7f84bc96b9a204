namespace Numi.Core.Webhooks;

/// <summary>Applies one type of Stripe event inside the event's organization. Must be idempotent and tolerate any
/// order of arrival: an event that cannot be applied yet (its order does not exist yet) answers
/// <see cref="WebhookHandling.Later"/> and is retried.</summary>
public interface IStripeEventHandler
{
    /// <summary>The Stripe event type handled, such as <c>payment_intent.succeeded</c>.</summary>
    string Type { get; }

    Task<WebhookHandling> HandleAsync(StripeEvent stripeEvent, CancellationToken ct);
}

/// <summary>What a handler did: applied (or nothing to apply), with words for the merchant; or not yet, with the reason.
/// <see cref="Changed"/> says whether it changed an order or a checkout, which may let events waiting on it proceed.</summary>
public sealed record WebhookHandling(bool Done, string Note, bool Changed = false)
{
    public static WebhookHandling Applied(string note) => new(true, note, Changed: true);
    public static WebhookHandling Nothing(string note) => new(true, note);
    public static WebhookHandling Later(string reason) => new(false, reason);
}

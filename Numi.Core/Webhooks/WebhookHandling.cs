namespace Numi.Core.Webhooks;

/// <summary>What applying an event did: applied (or nothing to apply), with words for the merchant; or not yet, with the
/// reason. <see cref="Changed"/> says whether it changed an order or a checkout, which may let events waiting on it proceed.</summary>
public sealed record WebhookHandling(bool Done, string Note, bool Changed = false)
{
    public static WebhookHandling Applied(string note) => new(true, note, Changed: true);
    public static WebhookHandling Nothing(string note) => new(true, note);
    public static WebhookHandling Later(string reason) => new(false, reason);
}

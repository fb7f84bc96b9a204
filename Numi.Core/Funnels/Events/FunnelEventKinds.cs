namespace Numi.Core.Funnels.Events;

/// <summary>The wire names of the six funnel event kinds, as pages and the browser post them and as
/// <see cref="AcceptedFunnelEvent.Kind"/> carries them. Strings here (not an enum) so that this intake stands apart
/// from the funnel entities; the store maps each name to the entity's kind.</summary>
public static class FunnelEventKinds
{
    public const string StepViewed = "step_viewed";
    public const string StepCompleted = "step_completed";
    public const string CheckoutStarted = "checkout_started";
    public const string OrderCompleted = "order_completed";
    public const string UpsellAccepted = "upsell_accepted";
    public const string UpsellDeclined = "upsell_declined";

    public static IReadOnlyList<string> All { get; } =
        [StepViewed, StepCompleted, CheckoutStarted, OrderCompleted, UpsellAccepted, UpsellDeclined];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    /// <summary>The kind's canonical name, or null if <paramref name="name"/> is not exactly one of them (no case or
    /// spacing variants: the senders are Numi's own pages and script).</summary>
    public static string? Find(string? name) => name is not null && Known.TryGetValue(name, out var kind) ? kind : null;
}

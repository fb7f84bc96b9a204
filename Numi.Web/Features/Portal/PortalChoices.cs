using Numi.Core.Subscriptions;

namespace Numi.Web.Features.Portal;

/// <summary>What a customer may do to a subscription in the portal: each choice is one lifecycle transition, with the
/// words for its button, its confirmation and the message after it.</summary>
public sealed record PortalChoice(string Key, SubscriptionAction Action, bool AtPeriodEnd, string Button, string Done)
{
    /// <summary>The timeline's note on every transition made here.</summary>
    public const string Note = "by the customer in the portal";

    public static readonly PortalChoice Pause = new("pause", SubscriptionAction.Pause, false, "Pause my subscription", "Your subscription is paused. Nothing is charged until you resume it.");
    public static readonly PortalChoice Resume = new("resume", SubscriptionAction.Resume, false, "Resume my subscription", "Your subscription is active again.");
    public static readonly PortalChoice Keep = new("keep", SubscriptionAction.UndoCancel, false, "Keep my subscription", "Your subscription will continue; the cancellation is undone.");
    public static readonly PortalChoice CancelAtPeriodEnd = new("cancel-at-period-end", SubscriptionAction.Cancel, true, "Cancel at the end of the period", "Your subscription will end when the current period ends.");
    public static readonly PortalChoice CancelNow = new("cancel-now", SubscriptionAction.Cancel, false, "Cancel now", "Your subscription is canceled.");

    private static readonly PortalChoice[] All = [Pause, Resume, Keep, CancelAtPeriodEnd, CancelNow];

    public static PortalChoice? Find(string? key) => All.FirstOrDefault(c => c.Key == key);

    /// <summary>The pages a subscription links to from the list: <c>cancel</c> opens the save flow, <c>card</c> the card
    /// form, the others confirm one choice.</summary>
    public static IReadOnlyList<(string Page, string Label)> PagesFor(Subscription subscription) => subscription.Status switch
    {
        SubscriptionStatus.Canceled => [],
        _ when subscription.CancelAtPeriodEnd => [(Keep.Key, Keep.Button), Card],
        SubscriptionStatus.Active => [(Pause.Key, "Pause"), ("cancel", "Cancel"), Card],
        SubscriptionStatus.Paused => [(Resume.Key, "Resume"), ("cancel", "Cancel"), Card],
        _ => [("cancel", "Cancel"), Card],
    };

    /// <summary>The card form (<c>PortalCardPage</c>), for every subscription that is still charged.</summary>
    private static readonly (string Page, string Label) Card = ("card", "Update card");

    /// <summary>The choices a confirmation page offers. Cancel offers pausing first where the plan names the save flow
    /// and the subscription can pause, then the end of the period where it has a running one, then now.</summary>
    public static IReadOnlyList<PortalChoice> OnPage(string page, Subscription subscription, bool saveFlow) => page switch
    {
        "cancel" => [
            .. saveFlow && CanPause(subscription) ? [Pause] : Array.Empty<PortalChoice>(),
            .. HasRunningPeriod(subscription) ? [CancelAtPeriodEnd] : Array.Empty<PortalChoice>(),
            CancelNow],
        _ when Find(page) is { } choice && choice != CancelAtPeriodEnd && choice != CancelNow => [choice],
        _ => [],
    };

    private static bool CanPause(Subscription s) => s.Status == SubscriptionStatus.Active && !s.CancelAtPeriodEnd;

    private static bool HasRunningPeriod(Subscription s) =>
        (s.Status is SubscriptionStatus.Active or SubscriptionStatus.Trialing or SubscriptionStatus.PastDue) && !s.CancelAtPeriodEnd;
}

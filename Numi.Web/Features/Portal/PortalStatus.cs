using Numi.Core.Invoices;
using Numi.Core.Subscriptions;

namespace Numi.Web.Features.Portal;

/// <summary>A subscription's or an invoice's state in a customer's words.</summary>
public static class PortalStatus
{
    public static string Label(Subscription subscription) => subscription.Status switch
    {
        SubscriptionStatus.Active when subscription.CancelAtPeriodEnd => "Active, ending",
        SubscriptionStatus.PastDue => "Payment due",
        SubscriptionStatus.Trialing => "Trial",
        SubscriptionStatus.Incomplete => "First payment due",
        var status => status.ToString(),
    };

    /// <summary>What happens next: the next charge, the end, or nothing while paused.</summary>
    public static string Next(Subscription subscription, Func<DateTime, string> date) => subscription.Status switch
    {
        SubscriptionStatus.Canceled => $"Ended on {date(subscription.EndedAt ?? subscription.CanceledAt ?? subscription.CurrentPeriodEnd)}",
        SubscriptionStatus.Paused => "Paused: nothing is charged until you resume.",
        // Started by the merchant through the API, its first charge declined: its period has not begun.
        SubscriptionStatus.Incomplete => "Starts once its first invoice is paid.",
        _ when subscription.CancelAtPeriodEnd => $"Ends on {date(subscription.CurrentPeriodEnd)}; nothing more is charged.",
        _ => $"Next billing date: {date(subscription.CurrentPeriodEnd)}",
    };

    public static string Label(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Open => "Due",
        var other => other.ToString(),
    };
}

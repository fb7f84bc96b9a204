using Numi.Core.Dunning;
using Numi.Core.Invoices;

namespace Numi.Core.Subscriptions;

/// <summary>Asks <see cref="BillingDateSuggestion.For"/> about a subscription: when its plan lets Numi suggest a billing
/// date (<see cref="RetrySettings.SuggestBillingDate"/>; the defaults, on, for a price without a plan) and the customer's
/// learned payday (in the zone their retries are planned in: theirs when known, else the plan's) is not the day their
/// renewals fall on while some of their payments failed, the payday is suggested with its reason. Only subscriptions
/// that still renew and are billed in months or years have a day of the month to move.</summary>
public sealed class BillingDaySuggestions(RetryInputs inputs)
{
    public static bool Suggestible(Subscription subscription) =>
        subscription.Status is not SubscriptionStatus.Canceled && subscription.EndedAt is null
        && subscription.Interval is Catalog.PriceInterval.Month or Catalog.PriceInterval.Year;

    /// <summary>The suggestion, or null when there is none to make.</summary>
    public async Task<BillingDateSuggestion?> ForAsync(Subscription subscription, CancellationToken ct)
    {
        if (!Suggestible(subscription)) return null;
        var context = await inputs.ForAsync(subscription, ct);
        if (!context.Settings.SuggestBillingDate) return null;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(context.ZoneId);
        var billingDay = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(subscription.BillingAnchor, DateTimeKind.Utc), zone).Day;
        return BillingDateSuggestion.For(context.Pattern, billingDay, context.Settings);
    }
}

using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Customers;

namespace Numi.Core.Subscriptions;

/// <summary>A subscription started with no checkout, for a customer whose card is already saved (the API's
/// <c>POST /subscriptions</c>). No order paid its first period, so it starts either in a trial (nothing charged, as a
/// checkout's trial) or <see cref="SubscriptionStatus.Incomplete"/> with no period paid: its current period is empty
/// (it ends where it starts, now), so <see cref="NextPeriod"/> gives the first period, billed and charged like any
/// renewal, and <see cref="RenewalPaid"/> makes it active.</summary>
public sealed partial class Subscription
{
    /// <summary><paramref name="amount"/> is what one period costs for <paramref name="quantity"/>, priced by the caller
    /// from <paramref name="price"/>; <paramref name="trialDays"/> 0 means no trial.</summary>
    public static Result<Subscription> ForCustomer(Customer customer, Price price, string description, int quantity, long amount,
        string paymentMethod, int trialDays, DateTime now, string? note = null)
    {
        if (customer.OrganizationId != price.OrganizationId) throw new ArgumentException("The price is another organization's.", nameof(price));
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount), amount, "An amount is never negative.");
        if (!price.IsRecurring) return Error.Invalid("price", "Only a recurring price starts a subscription; this one is paid once.");
        if (quantity is < 1 or > MaxQuantity) return Error.Invalid("quantity", $"A quantity is a whole number from 1 to {MaxQuantity:N0}.");
        if (trialDays is < 0 or > PlanSettings.MaxTrialDays)
            return Error.Invalid("trial_period_days", $"A trial lasts 0 to {PlanSettings.MaxTrialDays} days (0 for none).");
        if (string.IsNullOrWhiteSpace(paymentMethod)) return Error.Invalid("payment_method", "A subscription needs a saved payment method to charge.");

        var subscription = New(customer.OrganizationId, customer.Id, price, description, quantity, amount, paymentMethod, now);
        if (trialDays > 0) subscription.BeginTrial(trialDays, now);
        else
        {
            subscription.Status = SubscriptionStatus.Incomplete;
            subscription.CurrentPeriodEnd = now;
        }
        var detail = trialDays > 0 ? $"trial of {trialDays} days" : "first period to be charged";
        subscription.Record(SubscriptionEventType.Created, subscription.Status, now, note, detail);
        return subscription;
    }
}

using Numi.Core.Catalog;
using Numi.Core.Common;

namespace Numi.Core.Subscriptions;

/// <summary>A change of plan: the subscription moves to another plan's price for the rest of its period and after, its
/// billing cycle kept (only prices of the same interval are offered). The proration is billed by the caller; a credit
/// (a downgrade) goes to <see cref="CreditBalance"/>, which the next renewals take first.</summary>
public sealed partial class Subscription
{
    /// <summary>Why this subscription cannot change plan now, or null when it can: only an active one has a running,
    /// paid period to prorate.</summary>
    public Error? PlanChangeRefusal() => Status switch
    {
        SubscriptionStatus.Active => null,
        SubscriptionStatus.Canceled => Error.Conflict("A canceled subscription cannot change plan; start a new one."),
        SubscriptionStatus.PastDue or SubscriptionStatus.Unpaid =>
            Error.Conflict($"A {Describe(Status)} subscription cannot change plan until its open invoice is paid."),
        _ => Error.Conflict($"Only an active subscription can change plan; this one is {Describe(Status)}."),
    };

    /// <summary>Moves to <paramref name="price"/> for <paramref name="quantity"/> at <paramref name="amount"/> a period,
    /// adding <paramref name="credit"/> (a downgrade's net credit, else 0) to the balance. <paramref name="detail"/> names
    /// the plans and amounts for the timeline.</summary>
    public Result<SubscriptionEvent> ChangePlan(Price price, string description, int quantity, long amount, long credit, DateTime now,
        string? note, string detail)
    {
        if (PlanChangeRefusal() is { } refusal) return refusal;
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        ArgumentOutOfRangeException.ThrowIfNegative(credit);
        if (price.Id == PriceId) throw new ArgumentException("The subscription is already on this price.", nameof(price));
        if (price.Interval != Interval || (price.IntervalCount ?? 1) != IntervalCount || price.Currency != Currency)
            throw new ArgumentException("A plan change keeps the subscription's interval and currency.", nameof(price));
        PriceId = price.Id;
        ProductId = price.ProductId;
        Description = description;
        Quantity = quantity;
        Amount = amount;
        CreditBalance = checked(CreditBalance + credit);
        return Record(SubscriptionEventType.PlanChanged, Status, now, note, Clip(detail));
    }

    /// <summary>Takes <paramref name="amount"/> of the credit balance, for an invoice that applies it.</summary>
    public void UseCredit(long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amount, CreditBalance);
        CreditBalance -= amount;
    }
}

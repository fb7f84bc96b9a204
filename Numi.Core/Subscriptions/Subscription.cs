using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Orders;

namespace Numi.Core.Subscriptions;

/// <summary>A recurring price a customer bought, with the price as it was then (renewals charge that snapshot to
/// <see cref="PaymentMethod"/>). Started by a checkout's order, one per recurring order line (the line is unique, so a
/// checkout that completes twice still starts it once), or by the API for a customer with a saved card, with no order
/// (<see cref="ForCustomer"/>): then <see cref="OrderId"/> and <see cref="OrderLineId"/> are null.</summary>
public sealed partial class Subscription : IOrganizationOwned, ICreatedInOrder
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid CustomerId { get; private set; }
    /// <summary>The checkout's order that started it; null for one the API started (<see cref="ForCustomer"/>).</summary>
    public Guid? OrderId { get; private set; }
    public Guid? OrderLineId { get; private set; }
    public Guid PriceId { get; private set; }
    public Guid ProductId { get; private set; }
    /// <summary>The product's name when bought, as on the order line.</summary>
    public string Description { get; private set; } = "";
    public SubscriptionStatus Status { get; private set; }
    public int Quantity { get; private set; }
    /// <summary>What one period costs for the quantity, as the first period was priced (minor units).</summary>
    public long Amount { get; private set; }
    public string Currency { get; private set; } = "usd";
    public PriceInterval Interval { get; private set; }
    public int IntervalCount { get; private set; }
    /// <summary>The subscription ends by itself after this many paid periods (from the price), or runs until canceled.</summary>
    public int? CancelAfterCycles { get; private set; }
    public int CyclesPaid { get; private set; }
    /// <summary>Credit from downgrades (minor units of <see cref="Currency"/>), taken by the next renewal invoices first.</summary>
    public long CreditBalance { get; private set; }
    /// <summary>The start of the first period: every period's end is computed from it (see <see cref="BillingPeriods"/>).</summary>
    public DateTime BillingAnchor { get; private set; }
    public DateTime CurrentPeriodStart { get; private set; }
    public DateTime CurrentPeriodEnd { get; private set; }
    /// <summary>The payment method that paid the first period; renewals charge it off-session.</summary>
    public string? PaymentMethod { get; private set; }
    /// <summary>Set by <see cref="Cancel"/> with at period end: the subscription keeps its status until the period ends.</summary>
    public bool CancelAtPeriodEnd { get; private set; }
    /// <summary>When the cancellation was asked for (now or at the period's end); cleared by <see cref="UndoCancel"/>.</summary>
    public DateTime? CanceledAt { get; private set; }
    public DateTime? EndedAt { get; private set; }
    public DateTime? PausedAt { get; private set; }
    /// <summary>When the customer was told their trial ends (<see cref="RemindTrialEndingHandler"/>); set once.</summary>
    public DateTime? TrialReminderSentAt { get; private set; }
    public DateTime CreatedAt { get; private set; }

    private Subscription() { }

    public string PublicId => Common.PublicId.Format(IdPrefixes.Subscription, Id);

    /// <summary>"every month", "every 3 months".</summary>
    public string Schedule => "every " + new PriceSchedule(PriceType.Recurring, Interval, IntervalCount).Describe();

    /// <summary>The subscription <paramref name="order"/>'s recurring <paramref name="line"/> starts, its first period paid now.</summary>
    public static Subscription Start(Order order, OrderLine line, Price price, DateTime now)
    {
        var subscription = New(order, line, price, line.Amount, now);
        subscription.Status = SubscriptionStatus.Active;
        subscription.CyclesPaid = 1;
        subscription.CurrentPeriodEnd = BillingPeriods.End(now, subscription.Interval, subscription.IntervalCount);
        return subscription;
    }

    /// <summary>The subscription starts in a trial of <paramref name="trialDays"/> 24-hour days (Stripe's
    /// <c>trial_period_days</c>), nothing paid: the trial is the current period, and the paid periods of
    /// <paramref name="amount"/> count from its end, which the renewal job charges first.</summary>
    public static Subscription StartTrial(Order order, OrderLine line, Price price, long amount, int trialDays, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trialDays, 1);
        var subscription = New(order, line, price, amount, now);
        subscription.BeginTrial(trialDays, now);
        return subscription;
    }

    /// <summary>The trial is the current period; the paid periods count from its end.</summary>
    private void BeginTrial(int trialDays, DateTime now)
    {
        Status = SubscriptionStatus.Trialing;
        BillingAnchor = CurrentPeriodEnd = DateTime.SpecifyKind(now, DateTimeKind.Utc).AddDays(trialDays);
    }

    private static Subscription New(Order order, OrderLine line, Price price, long amount, DateTime now)
    {
        var subscription = New(order.OrganizationId, order.CustomerId, price, line.Description, line.Quantity, amount, order.PaymentMethod, now);
        subscription.OrderId = order.Id;
        subscription.OrderLineId = line.Id;
        subscription.Currency = order.Currency;
        return subscription;
    }

    private static Subscription New(Guid organizationId, Guid customerId, Price price, string description, int quantity, long amount,
        string? paymentMethod, DateTime now)
    {
        if (!price.IsRecurring || price.Interval is not { } interval) throw new ArgumentException("Only a recurring price starts a subscription.", nameof(price));
        return new Subscription
        {
            OrganizationId = organizationId, CustomerId = customerId, PriceId = price.Id, ProductId = price.ProductId, Description = description,
            Quantity = quantity, Amount = amount, Currency = price.Currency, Interval = interval, IntervalCount = price.IntervalCount ?? 1,
            CancelAfterCycles = price.CancelAfterCycles, BillingAnchor = now, CurrentPeriodStart = now, PaymentMethod = paymentMethod, CreatedAt = now,
        };
    }
}

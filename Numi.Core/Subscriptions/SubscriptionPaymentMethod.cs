using Numi.Core.Common;

namespace Numi.Core.Subscriptions;

/// <summary>The card a subscription renews on. Replacing it changes no status by itself: a past-due subscription is
/// recovered by paying its open invoice with the new card.</summary>
public sealed partial class Subscription
{
    /// <summary>Renewals charge <paramref name="paymentMethod"/> from now on; <paramref name="card"/> ("visa •••• 4242")
    /// goes into the timeline.</summary>
    public Result<SubscriptionEvent> ChangePaymentMethod(string paymentMethod, string card, DateTime now, string? note = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(paymentMethod);
        if (Status == SubscriptionStatus.Canceled) return Error.Conflict("A canceled subscription is not charged again, so its card cannot change.");
        PaymentMethod = paymentMethod;
        return Record(SubscriptionEventType.PaymentMethodChanged, Status, now, note, $"card {card}");
    }
}

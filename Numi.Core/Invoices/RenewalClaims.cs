using Numi.Core.Subscriptions;

namespace Numi.Core.Invoices;

/// <summary>A renewal in flight: the invoice of a subscription's next period is there with its first attempt claimed
/// by a runner whose lease has not run out (<see cref="Invoice.OpenClaimed"/>). That claim is the runner's hold on the
/// whole renewal (the invoice, its charge and the subscription's new period), so another runner's batch leaves the
/// subscription out instead of reading it, pricing it and finding it taken; once the lease lapses (a runner that
/// died) the subscription is due to everyone again and its invoice's attempt is taken up with the same key.</summary>
public static class RenewalClaims
{
    /// <summary><paramref name="subscriptions"/> without a renewal held by a live claim at <paramref name="now"/>.</summary>
    public static IQueryable<Subscription> NotHeld(this IQueryable<Subscription> subscriptions, IQueryable<Invoice> invoices, DateTime now) =>
        subscriptions.Where(s => !invoices.Any(i => i.SubscriptionId == s.Id && i.Kind == InvoiceKind.Renewal && i.PeriodStart == s.CurrentPeriodEnd
                                                     && i.ClaimedUntil != null && i.ClaimedUntil > now));
}

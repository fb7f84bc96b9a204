using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Invoices;

/// <summary>Renews one due subscription of the organization entered: one set to end ends; any other gets the invoice
/// of its next period (made once: (subscription, period start) is unique, so a second runner finds the first's), and
/// the invoice's first attempt is made through <see cref="InvoiceCollection"/>, which charges each attempt at most once.</summary>
public sealed class RenewSubscriptionHandler(INumiDb db, InvoiceTerms terms, InvoiceCollection collection, ControllableClock clock)
{
    public async Task<BillingOutcome> HandleAsync(Guid subscriptionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == subscriptionId, ct);
        if (subscription is null || !subscription.IsDue(now)) return new BillingOutcome(BillingResult.Skipped, "not due");
        if (subscription.EndsAtPeriodEnd)
        {
            subscription.End(now);
            try
            {
                await db.SaveInTurnAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new BillingOutcome(BillingResult.Skipped, "ended by another runner");
            }
            return new BillingOutcome(BillingResult.Ended);
        }
        return await collection.CollectAsync(await OpenNextInvoiceAsync(subscription, now, ct), ct);
    }

    /// <summary>The open invoice of the subscription's next period: the one already made, or a new one. A subscription the
    /// API starts with no trial gets its first period's invoice here, and when it was only added to the context (not yet
    /// saved) it is inserted in the invoice's own transaction, so the two exist together or not at all.</summary>
    public async Task<Guid> OpenNextInvoiceAsync(Subscriptions.Subscription subscription, DateTime now, CancellationToken ct)
    {
        var (cycle, start, end) = subscription.NextPeriod();
        return await RenewalOf(subscription.Id, start).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct)
            ?? await InsertAsync(subscription, cycle, start, end, now, ct);
    }

    /// <summary>Inserts the open invoice with the organization's next number (<see cref="InvoiceNumbering"/>); a runner
    /// that loses the race for the period takes the winner's invoice. The subscription's credit the invoice takes leaves
    /// its balance in the same transaction.</summary>
    private async Task<Guid> InsertAsync(Subscriptions.Subscription subscription, int cycle, DateTime start, DateTime end, DateTime now, CancellationToken ct)
    {
        var (discount, tax) = await terms.ForAsync(subscription, cycle, ct);
        var inserted = await InvoiceNumbering.InsertAsync(db, subscription.OrganizationId, number =>
        {
            var invoice = Invoice.Draft(number, subscription, cycle, start, end, discount, tax, now);
            invoice.Open(now);
            subscription.UseCredit(invoice.AmountCreditApplied);
            return invoice;
        }, ct);
        if (inserted is { } id) return id;
        // The winner took the credit: this runner's change of the balance was never saved.
        await db.Entry(subscription).ReloadAsync(ct);
        return await RenewalOf(subscription.Id, start).Select(i => i.Id).FirstAsync(ct);
    }

    private IQueryable<Invoice> RenewalOf(Guid subscriptionId, DateTime start) =>
        db.Invoices.Where(i => i.SubscriptionId == subscriptionId && i.Kind == InvoiceKind.Renewal && i.PeriodStart == start);
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Invoices;

/// <summary>Renews one due subscription of the organization entered: one set to end ends; any other gets the invoice
/// of its next period (made once: (subscription, period start) is unique, so a second runner finds the first's), and
/// the invoice's first attempt is made through <see cref="InvoiceCollection"/>, which charges each attempt at most once.</summary>
public sealed class RenewSubscriptionHandler(INumiDb db, InvoiceTerms terms, InvoiceCollection collection, TimeProvider clock)
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
        var (cycle, start, end) = subscription.NextPeriod();
        var invoiceId = await db.Invoices.Where(i => i.SubscriptionId == subscriptionId && i.PeriodStart == start).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct)
            ?? await InsertAsync(subscription, cycle, start, end, now, ct);
        return await collection.CollectAsync(invoiceId, ct);
    }

    /// <summary>Inserts the open invoice with the organization's next number, taken under its row lock as order
    /// numbers are (<see cref="OrganizationRowLock"/>), so numbers never repeat or skip; a runner that loses the race
    /// for the period takes the winner's invoice.</summary>
    private async Task<Guid> InsertAsync(Subscriptions.Subscription subscription, int cycle, DateTime start, DateTime end, DateTime now, CancellationToken ct)
    {
        var (discount, tax) = await terms.ForAsync(subscription, cycle, ct);
        Invoice? invoice = null;
        try
        {
            return await db.WriteInTurnAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.LockOrganizationRowAsync(subscription.OrganizationId, ct);
                var number = (await db.Invoices.MaxAsync(i => (int?)i.Number, ct) ?? Invoice.FirstNumber - 1) + 1;
                invoice = Invoice.Draft(number, subscription, cycle, start, end, discount, tax, now);
                invoice.Open(now);
                db.Invoices.Add(invoice);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                // The collection claims the attempt with an update of its own and reads the invoice fresh after it.
                Forget(invoice);
                return invoice.Id;
            }, ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueKeyRace(e))
        {
            if (invoice is not null) Forget(invoice);
            return await db.Invoices.Where(i => i.SubscriptionId == subscription.Id && i.PeriodStart == start).Select(i => i.Id).FirstAsync(ct);
        }
    }

    private void Forget(Invoice invoice)
    {
        foreach (var line in invoice.Lines.ToList()) db.Entry(line).State = EntityState.Detached;
        db.Entry(invoice).State = EntityState.Detached;
    }
}

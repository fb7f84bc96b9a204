using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Subscriptions;

namespace Numi.Core.Invoices;

/// <summary>Gives up on an open invoice of the current organization that no attempt will collect any more (no next
/// attempt: the retries ran out, or a hard decline waits for a new card) once the plan's maximum days since its first
/// failure have passed: the invoice becomes <c>uncollectible</c>, as Stripe marks it, and the subscription's timeline
/// says so. A subscription still past due takes the plan's action after the last retry; one that already took it when
/// the last retry failed (<see cref="InvoiceCollection"/>) keeps it. The invoice's status is a concurrency token, so of
/// two runners at once, or a runner and a payment, only the first save counts.</summary>
public sealed class ExpireUnpaidInvoiceHandler(INumiDb db, AfterLastRetryNotices notices, ControllableClock clock)
{
    public async Task<BillingOutcome> HandleAsync(Guid invoiceId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null || !invoice.AwaitsNoAttempt(now)) return new BillingOutcome(BillingResult.Skipped, "not open, or an attempt is still planned");
        var subscription = await db.Subscriptions.FirstAsync(s => s.Id == invoice.SubscriptionId, ct);
        var retry = (await db.PlanSettingsAsync(subscription.PriceId, ct)).Retry;
        if (invoice.FirstFailedAt!.Value.AddDays(retry.MaxDays) > now)
            return new BillingOutcome(BillingResult.Skipped, $"within the plan's {retry.MaxDays} days");

        var marked = invoice.MarkUncollectible(now);
        if (!marked.Succeeded) return new BillingOutcome(BillingResult.Skipped, marked.FirstError.Message);
        subscription.InvoiceUncollectible(retry.AfterLastRetry, invoice.DisplayNumber, retry.MaxDays, now);
        await notices.QueueAsync(subscription, invoice, now, ct);
        try
        {
            await db.SaveInTurnAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new BillingOutcome(BillingResult.Skipped, "changed by another runner or a payment");
        }
        return new BillingOutcome(BillingResult.Done, $"{invoice.DisplayNumber} uncollectible");
    }
}

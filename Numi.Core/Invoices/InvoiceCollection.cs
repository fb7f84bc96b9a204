using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Dunning;
using Numi.Core.Payments;

namespace Numi.Core.Invoices;

/// <summary>Makes an open invoice's next payment attempt, for the renewal (attempt 1) and its retries alike: the
/// subscription's saved payment method is charged off-session, and the outcome lands on the invoice and the
/// subscription in one save.
/// <para>Two runners (two nodes, or a run that overlaps the previous one) never charge the same attempt: an attempt is
/// claimed first by a conditional update, "set the claim if the invoice is still open, still at this attempt count, due,
/// and unclaimed or its claim expired", and only the runner whose update changed the row charges. A lock held across the
/// processor's call would hold a database connection and transaction open for seconds; the claim holds nothing. The
/// claim is a lease: a runner that dies after charging, before saving, leaves the attempt count unchanged, so after
/// <see cref="Lease"/> another runner claims the same attempt and sends the same idempotency key
/// (<see cref="Invoice.AttemptKey"/>), and the processor answers the first charge's outcome instead of charging again.
/// The lease is far shorter than a processor's key memory (Stripe's 24 hours).</para></summary>
public sealed class InvoiceCollection(INumiDb db, IPaymentGateway gateway, RetryInputs inputs, Subscriptions.AfterLastRetryNotices notices,
    ControllableClock clock)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The attempt the schedule made due (the renewal's first, or a retry whose time has come).</summary>
    public Task<BillingOutcome> CollectAsync(Guid invoiceId, CancellationToken ct) => AttemptAsync(invoiceId, dueOnly: true, ct);

    /// <summary>The next attempt at once, whenever it was planned (or with none planned after a hard decline or the last
    /// retry): the customer or merchant pays now. It is claimed like any attempt, so it never overlaps a retry runner.</summary>
    public Task<BillingOutcome> CollectNowAsync(Guid invoiceId, CancellationToken ct) => AttemptAsync(invoiceId, dueOnly: false, ct);

    private async Task<BillingOutcome> AttemptAsync(Guid invoiceId, bool dueOnly, CancellationToken ct)
    {
        var now = Now;
        var seen = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId).Select(i => new { i.AttemptCount }).FirstOrDefaultAsync(ct);
        if (seen is null) return new BillingOutcome(BillingResult.Skipped, "no such invoice");
        var claimable = db.Invoices.Where(i => i.Id == invoiceId && i.Status == InvoiceStatus.Open && i.AttemptCount == seen.AttemptCount
            && (i.ClaimedUntil == null || i.ClaimedUntil <= now));
        if (dueOnly) claimable = claimable.Where(i => i.NextAttemptAt != null && i.NextAttemptAt <= now);
        var claimed = await db.WriteInTurnAsync(() => claimable.ExecuteUpdateAsync(u => u.SetProperty(i => i.ClaimedUntil, now + Lease), ct), ct);
        if (claimed == 0) return new BillingOutcome(BillingResult.Skipped, "not due, or another runner holds the attempt");

        var invoice = await db.Invoices.FirstAsync(i => i.Id == invoiceId, ct);
        // The renewal that opened the invoice tracks its subscription already: found without a query then.
        var subscription = await db.Subscriptions.FindAsync([invoice.SubscriptionId], ct)
            ?? throw new InvalidOperationException($"The subscription of {invoice.DisplayNumber} is missing.");
        var email = await db.Customers.Where(c => c.Id == invoice.CustomerId).Select(c => c.Email).FirstAsync(ct);
        var attempt = seen.AttemptCount + 1;
        var outcome = await ChargeAsync(invoice, subscription, email, attempt, ct);

        var result = await RecordAsync(invoice, subscription, outcome, attempt, ct);
        await db.SaveInTurnAsync(ct);
        return result;
    }

    /// <summary>Applies attempt <paramref name="attempt"/>'s outcome to the tracked invoice and subscription (paid: the
    /// period advances; declined: the retry decision, past due, or what the plan does after the last retry), without
    /// saving: the caller saves it, alone or with other renewals' outcomes.</summary>
    internal async Task<BillingOutcome> RecordAsync(Invoice invoice, Subscriptions.Subscription subscription, ChargeOutcome outcome, int attempt,
        CancellationToken ct)
    {
        var at = Now;
        if (outcome.Succeeded)
        {
            invoice.AttemptSucceeded(attempt, outcome.PaymentIntentId, at);
            if (subscription.CurrentPeriodEnd == invoice.PeriodStart) subscription.RenewalPaid(invoice.PeriodStart, invoice.PeriodEnd, invoice.DisplayNumber, at);
            return new BillingOutcome(BillingResult.Paid);
        }
        var decision = await DecideAsync(invoice, subscription, outcome, attempt, at, ct);
        invoice.AttemptFailed(attempt, outcome.DeclineCode, decision, at);
        if (decision.Outcome == RetryOutcome.Exhausted)
        {
            var then = decision.Then ?? AfterLastRetry.SaveFlow;
            subscription.RetriesExhausted(then, invoice.DisplayNumber, at);
            if (then == AfterLastRetry.Cancel) invoice.MarkUncollectible(at);
            await notices.QueueAsync(subscription, invoice, at, ct);
        }
        else subscription.PaymentFailed(invoice.DisplayNumber, decision, at);
        return new BillingOutcome(BillingResult.Declined, decision.Reason, outcome);
    }

    /// <summary>The charge of attempt <paramref name="attempt"/> of <paramref name="invoice"/> (claimed by the caller):
    /// nothing to charge is a success.</summary>
    internal async Task<ChargeOutcome> ChargeAsync(Invoice invoice, Subscriptions.Subscription subscription, string email, int attempt, CancellationToken ct) =>
        invoice.AmountDue == 0
            ? new ChargeOutcome(ChargeStatus.Succeeded)
            : await gateway.ChargeAsync(new ChargeRequest(invoice.AmountDue, invoice.Currency, invoice.AttemptKey(attempt), subscription.PaymentMethod,
                null, email, OffSession: true, Description: $"{invoice.DisplayNumber}: {subscription.Description}"), ct);

    private async Task<RetryDecision> DecideAsync(Invoice invoice, Subscriptions.Subscription subscription, ChargeOutcome outcome, int attempt,
        DateTime at, CancellationToken ct)
    {
        if (outcome.Status != ChargeStatus.Declined)
        {
            // No card to retry: none saved, one the processor does not know, or one the bank wants confirmed in person.
            var code = outcome.Status == ChargeStatus.RequiresAction ? "authentication_required" : "invalid_account";
            var why = outcome.Status == ChargeStatus.RequiresAction
                ? "The bank asks the customer to confirm the payment, which cannot be done off-session: the customer needs to pay in person or give a new card"
                : $"{outcome.Message ?? "The saved payment method cannot be charged"} The customer needs to give a new card";
            return new RetryDecision(RetryOutcome.NewCardNeeded, null, why, DeclineCodes.Classify(code));
        }
        return RetryScheduler.Next((await inputs.ForAsync(subscription, ct)).Request(outcome.DeclineCode, attempt, invoice.FirstFailedAt ?? at, at));
    }
}

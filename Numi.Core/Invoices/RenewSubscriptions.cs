using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Payments;
using Numi.Core.Subscriptions;

namespace Numi.Core.Invoices;

/// <summary>Renews a batch of due subscriptions of the organization entered with a few round trips for the whole batch
/// instead of some twenty per subscription, keeping every guarantee of <see cref="RenewSubscriptionHandler"/>:
/// <list type="number">
/// <item>One read of the subscriptions, less those another runner is renewing (<see cref="RenewalClaims"/>: skipped,
/// nothing priced or locked for them), one of their invoices' terms (<see cref="InvoiceTerms.ForManyAsync"/>).</item>
/// <item>One transaction under the organization's row lock (<see cref="OrganizationRowLock"/>, as every invoice number
/// is taken): the subscriptions still due and not set to end are held and read again (<see cref="HoldRenewableAsync"/>;
/// a subscription paused, canceled or renewed since the batch's read is not invoiced here: it goes the one-subscription
/// way, which reads it again); the renewal invoices of the batch's periods already there are read (under the lock no
/// runner can insert one meanwhile): one held by another runner's live claim is skipped, one whose claim lapsed goes the
/// one-subscription way, which takes up its attempt;
/// the others are inserted in one save with consecutive numbers from <c>MAX + 1</c>, each opened with its first
/// attempt already claimed (<see cref="Invoice.OpenClaimed"/>), so no runner can take the attempt between the insert
/// and the charge.</item>
/// <item>Each invoice is charged through <see cref="IPaymentGateway"/> with its attempt's idempotency key (a charge
/// that throws is a failure of that subscription alone; its claim expires and the retry job sends the same key).</item>
/// <item>The outcomes are saved in one save; if that fails (a merchant changed one subscription meanwhile), each is
/// saved alone, so one conflict costs only its own subscription, whose claimed attempt the retry job takes up after
/// the lease with the same key: charged at most once.</item>
/// </list>
/// Subscriptions set to end, and those whose period's invoice a runner that died left, take the one-subscription
/// path. A run killed anywhere leaves what <see cref="InvoiceCollection"/> describes: invoices made once, attempts
/// claimed and charged with one key, taken up again after the lease.</summary>
public sealed class RenewSubscriptionsHandler(INumiDb db, InvoiceTerms terms, InvoiceCollection collection, RenewSubscriptionHandler single,
    ControllableClock clock)
{
    private sealed record Renewal(Subscription Subscription, int Cycle, DateTime Start, DateTime End)
    {
        public Invoice? Invoice { get; set; }
        public ChargeOutcome? Charge { get; set; }
    }

    /// <summary>The outcome of each of <paramref name="subscriptionIds"/> (all of the organization entered), in their order.</summary>
    public async Task<IReadOnlyList<BillingOutcome>> HandleAsync(IReadOnlyList<Guid> subscriptionIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var outcomes = new Dictionary<Guid, BillingOutcome>();
        var ids = subscriptionIds.Distinct().ToList();
        // Those another runner is renewing are left out here, before anything is priced or locked for them.
        var subscriptions = await db.Subscriptions.Where(s => ids.Contains(s.Id)).NotHeld(db.Invoices, now).ToDictionaryAsync(s => s.Id, ct);
        var alone = new List<Guid>();
        var renewals = new List<Renewal>();
        foreach (var id in ids)
        {
            if (!subscriptions.TryGetValue(id, out var subscription) || !subscription.IsDue(now)) outcomes[id] = Held;
            else if (subscription.EndsAtPeriodEnd) alone.Add(id);
            else
            {
                var (cycle, start, end) = subscription.NextPeriod();
                renewals.Add(new Renewal(subscription, cycle, start, end));
            }
        }

        if (renewals.Count > 0)
        {
            var opened = await OpenInvoicesAsync(renewals, now, outcomes, ct);
            if (opened is null) alone.AddRange(renewals.Select(r => r.Subscription.Id));
            else
            {
                alone.AddRange(opened.Taken);
                await ChargeAsync(opened.Mine, outcomes, ct);
                await RecordAsync(opened.Mine, outcomes, ct);
            }
        }

        // The few the batch leaves to the one-subscription path, each from a clean context (nothing of the batch's saved twice).
        foreach (var id in alone)
        {
            db.ChangeTracker.Clear();
            outcomes[id] = await AttemptAsync(() => single.HandleAsync(id, ct));
        }
        return subscriptionIds.Select(id => outcomes[id]).ToList();
    }

    private static readonly BillingOutcome Held = new(BillingResult.Skipped, "not due, or another runner is renewing it");

    private sealed record Opened(List<Renewal> Mine, List<Guid> Taken);

    /// <summary>Inserts the batch's invoices in one transaction under the organization's lock; null when a subscription
    /// changed since the read (the caller goes one by one).</summary>
    private async Task<Opened?> OpenInvoicesAsync(List<Renewal> renewals, DateTime now, Dictionary<Guid, BillingOutcome> outcomes, CancellationToken ct)
    {
        var found = await terms.ForManyAsync(renewals.Select(r => new InvoiceTerms.Request(r.Subscription, r.Cycle)).ToList(), ct);
        foreach (var renewal in renewals.Where(r => !found.ContainsKey(r.Subscription.Id)))
            outcomes[renewal.Subscription.Id] = Failed($"The order that started subscription {renewal.Subscription.PublicId} is missing.");
        renewals = renewals.Where(r => found.ContainsKey(r.Subscription.Id)).ToList();
        if (renewals.Count == 0) return new Opened([], []);

        var organizationId = renewals[0].Subscription.OrganizationId;
        var ids = renewals.Select(r => r.Subscription.Id).ToList();
        var starts = renewals.Select(r => r.Start).Distinct().ToList();
        var until = now + InvoiceCollection.Lease;
        var opened = await db.WriteInTurnAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!db.TransactionsLockTheDatabase) await db.LockOrganizationRowAsync(organizationId, ct);
            var still = await HoldRenewableAsync(ids, now, outcomes, ct);
            if (still is null) return null;
            // Invoiced since the batch's read: held by another runner's live claim (skipped), or left by a runner that died.
            var existing = (await db.Invoices.Where(i => still.Contains(i.SubscriptionId) && i.Kind == InvoiceKind.Renewal && starts.Contains(i.PeriodStart))
                .Select(i => new { i.SubscriptionId, i.PeriodStart, i.ClaimedUntil }).ToListAsync(ct))
                .ToDictionary(i => (i.SubscriptionId, i.PeriodStart), i => i.ClaimedUntil > now);
            var stillSet = still.ToHashSet();
            bool Free(Renewal r) => stillSet.Contains(r.Subscription.Id) && !existing.ContainsKey((r.Subscription.Id, r.Start));
            var number = await InvoiceNumbering.NextNumberAsync(db, ct);
            var mine = new List<Renewal>();
            foreach (var renewal in renewals.Where(Free))
            {
                var (discount, tax) = found[renewal.Subscription.Id];
                var invoice = Invoice.Draft(number++, renewal.Subscription, renewal.Cycle, renewal.Start, renewal.End, discount, tax, now);
                invoice.OpenClaimed(now, until);
                renewal.Subscription.UseCredit(invoice.AmountCreditApplied);
                db.Invoices.Add(invoice);
                renewal.Invoice = invoice;
                mine.Add(renewal);
            }
            await InvoiceNumbering.SaveInsertsAsync(db, ct);
            await transaction.CommitAsync(ct);
            foreach (var renewal in renewals.Where(r => existing.GetValueOrDefault((r.Subscription.Id, r.Start)))) outcomes[renewal.Subscription.Id] = Held;
            return new Opened(mine, renewals.Where(r => !Free(r) && !outcomes.ContainsKey(r.Subscription.Id)).Select(r => r.Subscription.Id).ToList());
        }, ct);
        // Nothing was saved: what the context holds of the batch is forgotten.
        if (opened is null) db.ChangeTracker.Clear();
        return opened;
    }

    private const string PostgreSql = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>Inside the numbering transaction: those of <paramref name="ids"/> still due and not set to end, held until
    /// the commit, so a merchant's change of one waits for the invoice and then finds its status unchanged. One that
    /// changed since the batch's read goes the one-subscription way, which reads it again.
    /// <list type="bullet">
    /// <item>PostgreSQL: the rows are locked (<c>FOR UPDATE SKIP LOCKED</c>, which writes no row) before they are read; one
    /// another transaction is writing (a runner saving its renewal, a merchant's change) is skipped, not waited for.</item>
    /// <item>SQLite: the transaction holds the database's write lock already.</item>
    /// <item>SQL Server: an update that changes nothing locks them; null when one changed between the read and the update.</item>
    /// </list></summary>
    private async Task<List<Guid>?> HoldRenewableAsync(List<Guid> ids, DateTime now, Dictionary<Guid, BillingOutcome> outcomes, CancellationToken ct)
    {
        var candidates = ids;
        var postgres = db.Database.ProviderName == PostgreSql;
        if (postgres)
        {
            var array = ids.ToArray();
            candidates = await db.Database
                .SqlQuery<Guid>($"SELECT \"Id\" AS \"Value\" FROM subscriptions WHERE \"Id\" = ANY({array}) FOR UPDATE SKIP LOCKED").ToListAsync(ct);
            foreach (var id in ids.Except(candidates)) outcomes[id] = Held;
        }
        var still = await db.Subscriptions.Where(s => candidates.Contains(s.Id)).Where(Renewable(now)).Select(s => s.Id).ToListAsync(ct);
        if (postgres || db.TransactionsLockTheDatabase || still.Count == 0) return still;
        var held = await db.Subscriptions.Where(s => still.Contains(s.Id)).Where(Renewable(now))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, s => s.Status), ct);
        return held == still.Count ? still : null;
    }

    /// <summary>Due, and renewing rather than ending (<see cref="Subscription.IsDue"/> and not <see cref="Subscription.EndsAtPeriodEnd"/>).</summary>
    private static System.Linq.Expressions.Expression<Func<Subscription, bool>> Renewable(DateTime now) =>
        s => (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Trialing) && s.CurrentPeriodEnd <= now
             && !s.CancelAtPeriodEnd && (s.CancelAfterCycles == null || s.CyclesPaid < s.CancelAfterCycles.Value);

    private async Task ChargeAsync(List<Renewal> mine, Dictionary<Guid, BillingOutcome> outcomes, CancellationToken ct)
    {
        var customerIds = mine.Select(r => r.Subscription.CustomerId).Distinct().ToList();
        var emails = await db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Email, ct);
        foreach (var renewal in mine)
        {
            try
            {
                renewal.Charge = await collection.ChargeAsync(renewal.Invoice!, renewal.Subscription, emails[renewal.Subscription.CustomerId], attempt: 1, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Claimed and perhaps charged: the retry job sends the same key after the lease.
                outcomes[renewal.Subscription.Id] = Failed(e);
            }
        }
    }

    /// <summary>The outcomes of the charges made, in one save; item by item when that fails.</summary>
    private async Task RecordAsync(List<Renewal> mine, Dictionary<Guid, BillingOutcome> outcomes, CancellationToken ct)
    {
        var charged = mine.Where(r => r.Charge is not null).ToList();
        if (charged.Count == 0) return;
        var recorded = new Dictionary<Guid, BillingOutcome>();
        try
        {
            foreach (var renewal in charged)
                recorded[renewal.Subscription.Id] = await collection.RecordAsync(renewal.Invoice!, renewal.Subscription, renewal.Charge!, attempt: 1, ct);
            await db.SaveInTurnAsync(ct);
            foreach (var (id, outcome) in recorded) outcomes[id] = outcome;
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
        }
        foreach (var renewal in charged)
        {
            var (invoiceId, subscriptionId, charge) = (renewal.Invoice!.Id, renewal.Subscription.Id, renewal.Charge!);
            outcomes[subscriptionId] = await AttemptAsync(async () =>
            {
                try
                {
                    var invoice = await db.Invoices.FirstAsync(i => i.Id == invoiceId, ct);
                    var subscription = await db.Subscriptions.FirstAsync(s => s.Id == subscriptionId, ct);
                    var outcome = await collection.RecordAsync(invoice, subscription, charge, attempt: 1, ct);
                    await db.SaveInTurnAsync(ct);
                    return outcome;
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            });
        }
    }

    private static async Task<BillingOutcome> AttemptAsync(Func<Task<BillingOutcome>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(e);
        }
    }

    private static BillingOutcome Failed(Exception e) => Failed($"{e.GetType().Name}: {e.Message}");

    private static BillingOutcome Failed(string reason) => new(BillingResult.Declined, reason);
}

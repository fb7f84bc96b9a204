using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Invoices;
using Numi.Core.Payments;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Invoices;

/// <summary>Two nodes (each its own services and connections) renewing on one PostgreSQL database through the same
/// processor, node A dying midway (right after the processor charged, before it heard back) while node B goes on;
/// B's later runs finish what A left. Every period is invoiced once and charged at most once.</summary>
public sealed class TwoNodeKilledRenewalTests
{
    /// <summary>Node A's processor link: after <paramref name="dieAfter"/> charges the node dies, its run cancelled
    /// and the charge's answer lost, as when the process is killed mid-call.</summary>
    private sealed class DyingNodeGateway(IPaymentGateway inner, int dieAfter, CancellationTokenSource node) : ForwardingGateway(inner)
    {
        public ConcurrentQueue<(string Key, ChargeOutcome Outcome)> Charges { get; } = new();
        public TaskCompletionSource Charged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct)
        {
            node.Token.ThrowIfCancellationRequested();
            await Task.Delay(100, ct);
            var outcome = await base.ChargeAsync(request, ct);
            Charges.Enqueue((request.IdempotencyKey, outcome));
            Charged.TrySetResult();
            if (Charges.Count >= dieAfter)
            {
                await node.CancelAsync();
                node.Token.ThrowIfCancellationRequested();
            }
            return outcome;
        }
    }

    [Fact]
    public async Task A_node_killed_midway_and_the_other_finishing_invoice_each_period_once_and_charge_it_at_most_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await database.MigrateAsync();
        var (shop, ids) = await DueSubscribersAsync(database, 12);
        var periodStart = shop.Clock.Now;

        // One processor (it remembers idempotency keys, as Stripe does) seen from two nodes.
        var processor = new Payments.SimulatedGateway(shop.Clock);
        using var killA = new CancellationTokenSource();
        var nodeA = new DyingNodeGateway(processor, dieAfter: 2, killA);
        var nodeB = new RecordingGateway(new SlowGateway(processor));
        await using var servicesA = BillingJobHost.Services(database, shop.Clock, BillingJobHost.Charging(nodeA));
        await using var servicesB = BillingJobHost.Services(database, shop.Clock, BillingJobHost.Charging(nodeB));

        var runA = Task.Run(() => BillingJobHost.RunAsync(servicesA, RenewSubscriptionsJob.Spec.RunOnceAsync, killA.Token));
        await nodeA.Charged.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var runB = Task.Run(() => BillingJobHost.RunAsync(servicesB, RenewSubscriptionsJob.Spec.RunOnceAsync));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runA);
        var first = await runB;
        Assert.Equal(0, first.Failed);
        Assert.True(killA.IsCancellationRequested);
        Assert.Equal(2, nodeA.Charges.Count);

        // Node A is gone. Once its claims have lapsed, node B's next runs finish what it left.
        shop.Clock.Advance(InvoiceCollection.Lease + TimeSpan.FromMinutes(1));
        await BillingJobHost.RunAsync(servicesB, RenewSubscriptionsJob.Spec.RunOnceAsync);
        await BillingJobHost.RunAsync(servicesB, RetryInvoicePaymentsJob.Spec.RunOnceAsync);

        await using var db = database.CreateContext(shop.Tenant);
        var invoices = await db.Invoices.AsNoTracking().OrderBy(i => i.Number).ToListAsync();
        Assert.Equal(Enumerable.Range(1, ids.Count), invoices.Select(i => i.Number));
        Assert.Equal(ids.Order(), invoices.Select(i => i.SubscriptionId).Order());
        Assert.All(invoices, i => Assert.Equal((InvoiceStatus.Paid, periodStart, 1), (i.Status, i.PeriodStart, i.AttemptCount)));
        // At most one payment per invoice at the processor, whichever node asked and however often.
        var charges = nodeA.Charges.Concat(nodeB.Charges).ToList();
        Assert.All(charges, c => Assert.True(c.Outcome.Succeeded));
        foreach (var invoice in invoices)
        {
            var asked = charges.Where(c => c.Key.StartsWith(invoice.PublicId + ":", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(asked);
            Assert.All(asked, c => Assert.Equal($"{invoice.PublicId}:attempt:1", c.Key));
            Assert.Equal(invoice.PaymentIntentId, Assert.Single(asked.Select(c => c.Outcome.PaymentIntentId).Distinct()));
        }
        var subscriptions = await db.Subscriptions.AsNoTracking().Include(s => s.Events).ToListAsync();
        Assert.All(subscriptions, s => Assert.Equal((SubscriptionStatus.Active, 2, 1),
            (s.Status, s.CyclesPaid, s.Events.Count(e => e.Type == SubscriptionEventType.Renewed))));
    }
}

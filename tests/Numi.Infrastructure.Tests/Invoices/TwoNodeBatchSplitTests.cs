using Microsoft.EntityFrameworkCore;
using Numi.Core.Invoices;
using Numi.Core.Payments;
using Numi.Core.Subscriptions;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Invoices;

/// <summary>Two nodes (each its own services, connections and processor link) sweeping the same due subscriptions at
/// once, more of them than one batch holds: every subscription is renewed by exactly one node, which alone asks the
/// processor for its charge, and together they leave nothing due.</summary>
public sealed class TwoNodeBatchSplitTests
{
    /// <summary>Each charge takes a moment, so the nodes' batches are in flight at the same time.</summary>
    private sealed class PacedGateway(IPaymentGateway inner) : ForwardingGateway(inner)
    {
        public override async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct)
        {
            await Task.Delay(20, ct);
            return await base.ChargeAsync(request, ct);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_sweeps_at_once_never_work_on_the_same_subscription_and_renew_every_due_one(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        const int Count = BillingSweep.WorkBatchSize + 50;
        var (shop, ids) = await DueSubscribersAsync(database, Count);
        var processor = new Payments.SimulatedGateway(shop.Clock);
        var (gatewayA, gatewayB) = (new RecordingGateway(new PacedGateway(processor)), new RecordingGateway(new PacedGateway(processor)));
        await using var nodeA = BillingJobHost.Services(database, shop.Clock, BillingJobHost.Charging(gatewayA));
        await using var nodeB = BillingJobHost.Services(database, shop.Clock, BillingJobHost.Charging(gatewayB));

        var runs = await Task.WhenAll(
            Task.Run(() => BillingJobHost.RunAsync(nodeA, RenewSubscriptionsJob.Spec.RunOnceAsync)),
            Task.Run(() => BillingJobHost.RunAsync(nodeB, RenewSubscriptionsJob.Spec.RunOnceAsync)));

        Assert.All(runs, r => Assert.Equal(0, r.Failed));
        Assert.Equal(Count, runs.Sum(r => r.Succeeded));
        Assert.All(runs, r => Assert.True(r.Succeeded > 0, "both nodes renewed some"));
        var invoices = await InvoicesAsync(database, shop);
        Assert.Equal(Enumerable.Range(1, Count), invoices.Select(i => i.Number));
        Assert.Equal(ids.Order(), invoices.Select(i => i.SubscriptionId).Order());
        Assert.All(invoices, i => Assert.Equal((InvoiceStatus.Paid, 1), (i.Status, i.AttemptCount)));
        // Each invoice's charge was asked once in all, by one node: the nodes' work did not overlap.
        var asked = gatewayA.Charges.Concat(gatewayB.Charges).Select(c => c.Key).ToList();
        Assert.Equal(invoices.Select(i => i.AttemptKey(1)).Order(), asked.Order());
        Assert.Equal((runs[0].Succeeded, runs[1].Succeeded), (gatewayA.Charges.Count, gatewayB.Charges.Count));
        await using var db = database.CreateContext(shop.Tenant);
        var subscriptions = await db.Subscriptions.AsNoTracking().Include(s => s.Events).ToListAsync();
        Assert.All(subscriptions, s => Assert.Equal((SubscriptionStatus.Active, 2, 1),
            (s.Status, s.CyclesPaid, s.Events.Count(e => e.Type == SubscriptionEventType.Renewed))));
        Assert.Empty(await db.DueSubscriptionsAsync(shop.Clock.Now, null, Count, default));
    }
}

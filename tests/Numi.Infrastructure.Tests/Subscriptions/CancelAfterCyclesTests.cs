using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Invoices;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Invoices;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Subscriptions;

/// <summary>The merchant's cancel_after_cycles, set on a subscription bought at checkout, on both providers: the renewal
/// job bills up to that many paid periods and then ends it, with no further invoice or charge.</summary>
public sealed class CancelAfterCyclesTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_subscription_set_to_end_after_three_paid_periods_is_renewed_twice_then_ends(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "club", PriceSchedule.Every(PriceInterval.Month), 1_000);
        var id = await SubscribeAsync(database, shop);
        await using (var db = database.CreateContext(shop.Tenant))
        {
            var set = await new ChangeSubscriptionHandler(db, new ChangeSubscriptionValidator(), shop.Clock)
                .HandleAsync(new ChangeSubscription(id, SubscriptionAction.SetCancelAfterCycles, "three months", CancelAfterCycles: 3), default);
            Assert.True(set.Succeeded, set.Succeeded ? "" : set.FirstError.Message);
        }
        var gateway = new RecordingGateway(new Payments.SimulatedGateway(shop.Clock));
        await using var services = BillingJobHost.Services(database, shop.Clock, BillingJobHost.Charging(gateway));

        var ends = new List<DateTime>();
        for (var run = 0; run < 4; run++)
        {
            var subscription = await SubscriptionAsync(database, shop, id);
            if (subscription.Status == SubscriptionStatus.Canceled) break;
            ends.Add(subscription.CurrentPeriodEnd);
            shop.Clock.UtcNow = subscription.CurrentPeriodEnd;
            Assert.Equal(0, (await BillingJobHost.RunAsync(services, RenewSubscriptionsJob.Spec.RunOnceAsync)).Failed);
        }

        var invoices = await InvoicesAsync(database, shop);
        Assert.Equal([(2, InvoiceStatus.Paid), (3, InvoiceStatus.Paid)], invoices.Select(i => (i.Cycle, i.Status)));
        Assert.Equal(2, gateway.Charges.Count);
        var ended = await SubscriptionAsync(database, shop, id);
        Assert.Equal((SubscriptionStatus.Canceled, 3, 3, ends[2]), (ended.Status, ended.CyclesPaid, ended.CancelAfterCycles!.Value, ended.EndedAt!.Value));
        Assert.Equal(3, ends.Count);
        var timeline = ended.Events.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToList();
        Assert.Equal([SubscriptionEventType.CancelAfterCyclesChanged, SubscriptionEventType.Renewed, SubscriptionEventType.Renewed, SubscriptionEventType.Ended],
            timeline.Select(e => e.Type));
        Assert.Equal(("ends after 3 paid periods", "three months"), (timeline[0].Detail, timeline[0].Note));
        Assert.Equal("ended after 3 paid periods", timeline[3].Detail);

        // Later runs find nothing to do.
        shop.Clock.Advance(TimeSpan.FromDays(60));
        await BillingJobHost.RunAsync(services, RenewSubscriptionsJob.Spec.RunOnceAsync);
        Assert.Equal(2, (await InvoicesAsync(database, shop)).Count);
        await using var read = database.CreateContext(shop.Tenant);
        Assert.Equal(SubscriptionStatus.Canceled, await read.Subscriptions.Where(s => s.Id == id).Select(s => s.Status).SingleAsync());
    }
}

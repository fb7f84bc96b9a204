using Numi.Core.Catalog;
using Numi.Core.Invoices;
using Numi.Core.Payments;
using Numi.Infrastructure.Payments;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Invoices;

/// <summary>Renewals that overlap or die midway, on both providers: each period is invoiced once and charged at most
/// once (unique invoice per period, claimed attempts, one idempotency key per attempt), and numbers never repeat or skip.</summary>
public sealed class RenewalRaceTests
{
    private static readonly PriceSchedule Monthly = PriceSchedule.Every(PriceInterval.Month);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_runners_renewing_at_once_make_one_invoice_and_one_charge(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id, gateway) = await DueSubscriberAsync(database);
        var slow = new SlowGateway(gateway);

        var outcomes = await Task.WhenAll(
            Task.Run(() => RenewAsync(database, shop, id, slow)),
            Task.Run(() => RenewAsync(database, shop, id, slow)));

        Assert.Equal([BillingResult.Paid, BillingResult.Skipped], outcomes.Select(o => o.Result).Order());
        var invoice = Assert.Single(await InvoicesAsync(database, shop));
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Single(gateway.Charges);
        var subscription = await SubscriptionAsync(database, shop, id);
        Assert.Equal((2, 1), (subscription.CyclesPaid, subscription.Events.Count));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_runner_killed_after_the_charge_is_rerun_and_the_customer_is_charged_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id, gateway) = await DueSubscriberAsync(database);
        gateway.DieAfterCharging = true;

        await Assert.ThrowsAsync<IOException>(() => RenewAsync(database, shop, id, gateway));

        // The invoice is there, its first attempt held by the dead runner and its outcome never recorded.
        var stranded = Assert.Single(await InvoicesAsync(database, shop));
        Assert.Equal((InvoiceStatus.Open, 0), (stranded.Status, stranded.AttemptCount));
        Assert.True(stranded.ClaimedUntil > shop.Clock.Now);
        gateway.DieAfterCharging = false;
        Assert.Equal(BillingResult.Skipped, (await RenewAsync(database, shop, id, gateway)).Result);

        shop.Clock.Advance(InvoiceCollection.Lease);
        Assert.Equal(BillingResult.Paid, (await RenewAsync(database, shop, id, gateway)).Result);

        var key = $"{stranded.PublicId}:attempt:1";
        Assert.Equal([key, key], gateway.Charges.Select(c => c.Key));
        Assert.Equal(1, gateway.Payments);
        var invoice = Assert.Single(await InvoicesAsync(database, shop));
        Assert.Equal((InvoiceStatus.Paid, 1, gateway.Charges.First().Outcome.PaymentIntentId), (invoice.Status, invoice.AttemptCount, invoice.PaymentIntentId));
        Assert.Equal(2, (await SubscriptionAsync(database, shop, id)).CyclesPaid);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Invoices_renewed_at_once_take_every_number_once_in_each_organization(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "club", Monthly, 1_000);
        var other = await CheckoutSteps.NewShopAsync(database, "other", Monthly, 500);
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++) ids.Add(await SubscribeAsync(database, shop, quantity: 1));
        var otherId = await SubscribeAsync(database, other, quantity: 1);
        shop.Clock.UtcNow = (await SubscriptionAsync(database, shop, ids[^1])).CurrentPeriodEnd;
        var gateway = new SimulatedGateway(shop.Clock);

        var outcomes = await Task.WhenAll(ids.Select(id => Task.Run(() => RenewAsync(database, shop, id, gateway))));
        other.Clock.UtcNow = shop.Clock.UtcNow;
        Assert.Equal(BillingResult.Paid, (await RenewAsync(database, other, otherId, gateway)).Result);

        Assert.All(outcomes, o => Assert.Equal(BillingResult.Paid, o.Result));
        var invoices = await InvoicesAsync(database, shop);
        Assert.Equal([1, 2, 3, 4, 5, 6], invoices.Select(i => i.Number));
        Assert.Equal(ids.Order(), invoices.Select(i => i.SubscriptionId).Order());
        Assert.Equal(1, Assert.Single(await InvoicesAsync(database, other)).Number);
    }
}

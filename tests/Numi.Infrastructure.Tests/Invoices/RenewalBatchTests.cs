using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Catalog;
using Numi.Core.Clocks;
using Numi.Core.Invoices;
using Numi.Core.Payments;
using Numi.Core.Subscriptions;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Invoices;

/// <summary>The renewal's batch path (<see cref="RenewSubscriptionsHandler"/>), on both providers: a batch renews each
/// due subscription once with numbers without gaps, whatever its cards answer; a batch killed between the claim and
/// the outcome is taken up after the lease with the same keys (charged once); a subscription changed after the batch
/// read it is not renewed; one subscription's failure costs only its own renewal.</summary>
public sealed partial class RenewalBatchTests
{
    private static RenewSubscriptionsHandler Batch(NumiDbContext db, ControllableClock clock, IPaymentGateway gateway) =>
        new(db, new InvoiceTerms(db), Collection(db, clock, gateway), Renewal(db, clock, gateway), clock);

    private static async Task<IReadOnlyList<BillingOutcome>> RenewBatchAsync(TestDatabase database, CheckoutSteps shop, IReadOnlyList<Guid> ids,
        IPaymentGateway gateway, IInterceptor? interceptor = null)
    {
        await using var db = interceptor is null ? database.CreateContext(shop.Tenant) : database.ContextWithInterceptor(shop.Tenant, interceptor);
        return await Batch(db, shop.Clock, gateway).HandleAsync(ids, default);
    }

    /// <summary>A shop's <paramref name="count"/> monthly subscribers (quantity 1 at $10.00), the clock at their periods' end.</summary>
    private static async Task<(CheckoutSteps Shop, List<Guid> Ids)> DueSubscribersAsync(TestDatabase database, int count)
    {
        var shop = await CheckoutSteps.NewShopAsync(database, "club", PriceSchedule.Every(PriceInterval.Month), 1_000);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++) ids.Add(await SubscribeAsync(database, shop, quantity: 1));
        shop.Clock.UtcNow = (await SubscriptionAsync(database, shop, ids[^1])).CurrentPeriodEnd;
        return (shop, ids);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_batch_of_paying_and_declining_cards_invoices_each_period_once_with_numbers_without_gaps(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, ids) = await DueSubscribersAsync(database, 6);
        await UseCardAsync(database, shop, ids[1], "pm_card_chargeCustomerFail");
        await UseCardAsync(database, shop, ids[4], "pm_card_chargeDeclinedExpiredCard");
        var gateway = new RecordingGateway(new Payments.SimulatedGateway(shop.Clock));

        var outcomes = await RenewBatchAsync(database, shop, ids, gateway);

        Assert.Equal([BillingResult.Paid, BillingResult.Declined, BillingResult.Paid, BillingResult.Paid, BillingResult.Declined, BillingResult.Paid],
            outcomes.Select(o => o.Result));
        Assert.Contains("soft decline", outcomes[1].Detail);
        var invoices = await InvoicesAsync(database, shop);
        Assert.Equal([1, 2, 3, 4, 5, 6], invoices.Select(i => i.Number));
        Assert.Equal(ids.Order(), invoices.Select(i => i.SubscriptionId).Order());
        Assert.Equal(invoices.Select(i => $"{i.PublicId}:attempt:1").Order(), gateway.Charges.Select(c => c.Key).Order());
        Assert.All(invoices, i => Assert.Equal((1, null), (i.AttemptCount, i.ClaimedUntil)));
        var bySubscription = invoices.ToDictionary(i => i.SubscriptionId);
        foreach (var paid in new[] { ids[0], ids[2], ids[3], ids[5] })
        {
            Assert.Equal(InvoiceStatus.Paid, bySubscription[paid].Status);
            var subscription = await SubscriptionAsync(database, shop, paid);
            Assert.Equal((SubscriptionStatus.Active, 2, bySubscription[paid].PeriodEnd), (subscription.Status, subscription.CyclesPaid, subscription.CurrentPeriodEnd));
            Assert.Equal(SubscriptionEventType.Renewed, Assert.Single(subscription.Events).Type);
        }
        var soft = bySubscription[ids[1]];
        Assert.Equal((InvoiceStatus.Open, false), (soft.Status, soft.NewCardNeeded));
        Assert.True(soft.NextAttemptAt > shop.Clock.Now);
        var hard = bySubscription[ids[4]];
        Assert.Equal((InvoiceStatus.Open, true, (DateTime?)null), (hard.Status, hard.NewCardNeeded, hard.NextAttemptAt));
        Assert.Equal(SubscriptionStatus.PastDue, (await SubscriptionAsync(database, shop, ids[1])).Status);
        Assert.Equal(SubscriptionEventType.NewCardNeeded, Assert.Single((await SubscriptionAsync(database, shop, ids[4])).Events).Type);

        // Run again: nothing is due any more (the paid renewed, the declined wait for their retry).
        Assert.All(await RenewBatchAsync(database, shop, ids, gateway), o => Assert.Equal(BillingResult.Skipped, o.Result));
        Assert.Equal(6, (await InvoicesAsync(database, shop)).Count);
        Assert.Equal(6, gateway.Charges.Count);
    }

    /// <summary>The simulated processor; after <paramref name="charges"/> charges the node dies (the host stops it), the
    /// processor having charged the last one.</summary>
    private sealed class DyingGateway(IPaymentGateway inner, int charges) : ForwardingGateway(inner)
    {
        private int _made;

        public override async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct)
        {
            var outcome = await base.ChargeAsync(request, ct);
            if (Interlocked.Increment(ref _made) >= charges) throw new OperationCanceledException("The node was stopped after the processor charged.");
            return outcome;
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_batch_killed_between_the_claim_and_the_outcome_is_taken_up_after_the_lease_and_charges_each_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, ids) = await DueSubscribersAsync(database, 5);
        var gateway = new RecordingGateway(new Payments.SimulatedGateway(shop.Clock));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RenewBatchAsync(database, shop, ids, new DyingGateway(gateway, charges: 3)));

        // Five invoices, each first attempt claimed, three charged, no outcome recorded.
        var stranded = await InvoicesAsync(database, shop);
        Assert.Equal([1, 2, 3, 4, 5], stranded.Select(i => i.Number));
        Assert.All(stranded, i => Assert.Equal((InvoiceStatus.Open, 0), (i.Status, i.AttemptCount)));
        Assert.All(stranded, i => Assert.True(i.ClaimedUntil > shop.Clock.Now));
        Assert.Equal(3, gateway.Charges.Count);
        // Another run while the claims hold: nothing is charged or invoiced again.
        Assert.All(await RenewBatchAsync(database, shop, ids, gateway), o => Assert.Equal(BillingResult.Skipped, o.Result));
        Assert.Equal(3, gateway.Charges.Count);

        shop.Clock.Advance(InvoiceCollection.Lease);
        Assert.All(await RenewBatchAsync(database, shop, ids, gateway), o => Assert.Equal(BillingResult.Paid, o.Result));

        var invoices = await InvoicesAsync(database, shop);
        Assert.Equal([1, 2, 3, 4, 5], invoices.Select(i => i.Number));
        Assert.All(invoices, i => Assert.Equal((InvoiceStatus.Paid, 1), (i.Status, i.AttemptCount)));
        Assert.Equal(5, gateway.Payments);
        Assert.Equal(invoices.Select(i => i.PaymentIntentId).Order(), gateway.Charges.Where(c => c.Outcome.Succeeded).Select(c => c.Outcome.PaymentIntentId).Distinct().Order());
        // The three charged before the crash were asked twice with the same key, the processor answering the first charge.
        Assert.Equal(3, gateway.Charges.GroupBy(c => c.Key).Count(g => g.Count() == 2));
        Assert.All(gateway.Charges.GroupBy(c => c.Key), g => Assert.Single(g.Select(c => c.Outcome.PaymentIntentId).Distinct()));
        foreach (var id in ids) Assert.Equal(2, (await SubscriptionAsync(database, shop, id)).CyclesPaid);
    }

    /// <summary>Runs <paramref name="change"/> once, just before the first read of the orders (the batch's terms, after
    /// its read of the subscriptions and before its transaction).</summary>
    private sealed partial class BeforeTermsRead(Func<Task> change) : DbCommandInterceptor
    {
        private int _ran;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            // SQLite quotes the table's name, Npgsql does not need to.
            if (OrdersRead().IsMatch(command.CommandText) && Interlocked.Exchange(ref _ran, 1) == 0) await change();
            return result;
        }

        [System.Text.RegularExpressions.GeneratedRegex("FROM \"?orders\"? AS")]
        private static partial System.Text.RegularExpressions.Regex OrdersRead();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Subscriptions_paused_or_canceled_after_the_batch_read_them_are_not_renewed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, ids) = await DueSubscribersAsync(database, 5);
        var gateway = new RecordingGateway(new Payments.SimulatedGateway(shop.Clock));
        var (paused, canceled, endsAtPeriodEnd) = (ids[0], ids[2], ids[4]);
        var merchant = new BeforeTermsRead(async () =>
        {
            await using var db = database.CreateContext(shop.Tenant);
            var subscriptions = await db.Subscriptions.Where(s => s.Id == paused || s.Id == canceled || s.Id == endsAtPeriodEnd).ToDictionaryAsync(s => s.Id);
            Assert.True(subscriptions[paused].Pause(shop.Clock.Now).Succeeded);
            Assert.True(subscriptions[canceled].Cancel(shop.Clock.Now, atPeriodEnd: false).Succeeded);
            Assert.True(subscriptions[endsAtPeriodEnd].Cancel(shop.Clock.Now, atPeriodEnd: true).Succeeded);
            await db.SaveChangesAsync();
        });

        var outcomes = await RenewBatchAsync(database, shop, ids, gateway, merchant);

        Assert.Equal([BillingResult.Skipped, BillingResult.Paid, BillingResult.Skipped, BillingResult.Paid, BillingResult.Ended], outcomes.Select(o => o.Result));
        var invoices = await InvoicesAsync(database, shop);
        Assert.Equal([1, 2], invoices.Select(i => i.Number));
        Assert.Equal(new[] { ids[1], ids[3] }.Order(), invoices.Select(i => i.SubscriptionId).Order());
        Assert.Equal(2, gateway.Charges.Count);
        Assert.Equal((SubscriptionStatus.Paused, 1), await StatusAndCyclesAsync(paused));
        Assert.Equal((SubscriptionStatus.Canceled, 1), await StatusAndCyclesAsync(canceled));
        Assert.Equal((SubscriptionStatus.Canceled, 1), await StatusAndCyclesAsync(endsAtPeriodEnd));
        Assert.Equal((SubscriptionStatus.Active, 2), await StatusAndCyclesAsync(ids[1]));

        async Task<(SubscriptionStatus, int)> StatusAndCyclesAsync(Guid id)
        {
            var subscription = await SubscriptionAsync(database, shop, id);
            return (subscription.Status, subscription.CyclesPaid);
        }
    }

    /// <summary>The simulated processor, whose connection breaks on one payment method's charges.</summary>
    private sealed class BreakingGateway(IPaymentGateway inner, string method) : ForwardingGateway(inner)
    {
        public override Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct) =>
            request.PaymentMethod == method ? throw new HttpRequestException("The processor did not answer.") : base.ChargeAsync(request, ct);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task One_subscriptions_failure_costs_only_its_own_renewal_and_says_why(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, ids) = await DueSubscribersAsync(database, 4);
        await UseCardAsync(database, shop, ids[2], "pm_card_unreachable");
        var gateway = new RecordingGateway(new Payments.SimulatedGateway(shop.Clock));

        var outcomes = await RenewBatchAsync(database, shop, ids, new BreakingGateway(gateway, "pm_card_unreachable"));

        Assert.Equal([BillingResult.Paid, BillingResult.Paid, BillingResult.Declined, BillingResult.Paid], outcomes.Select(o => o.Result));
        Assert.Equal("HttpRequestException: The processor did not answer.", outcomes[2].Detail);
        var invoices = await InvoicesAsync(database, shop);
        Assert.Equal([1, 2, 3, 4], invoices.Select(i => i.Number));
        // The unanswered charge's attempt stays claimed: the retry job takes it up after the lease, with the same key.
        var unanswered = invoices.Single(i => i.SubscriptionId == ids[2]);
        Assert.Equal((InvoiceStatus.Open, 0), (unanswered.Status, unanswered.AttemptCount));
        Assert.True(unanswered.ClaimedUntil > shop.Clock.Now);
        Assert.All(invoices.Where(i => i.SubscriptionId != ids[2]), i => Assert.Equal(InvoiceStatus.Paid, i.Status));
    }

    [Fact]
    public async Task A_batch_that_throws_is_worked_again_one_by_one_and_the_run_records_each_failure()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.MigrateAsync();
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).Order().ToList();
        var done = new HashSet<Guid>();
        Task<List<DueBillingItem>> Due(Core.Common.INumiDb db, DateTime now, Guid? after, int size, CancellationToken ct) =>
            Task.FromResult(ids.Where(id => !done.Contains(id) && (after is null || id.CompareTo(after.Value) > 0)).Take(size)
                .Select(id => new DueBillingItem(id, Guid.Empty, "Org", "org")).ToList());
        var batches = 0;
        await using var services = new ServiceCollection().AddScoped<Core.Common.ITenantEntry, NoTenant>().BuildServiceProvider();
        await using var context = database.CreateContext();
        var sweep = new BillingSweep(context, services.GetRequiredService<IServiceScopeFactory>(), new ControllableClock(TimeProvider.System, controllable: false));

        var run = await sweep.RunAsync("batch", "sub", Due,
            (_, id, _) =>
            {
                done.Add(id);
                return Task.FromResult(id == ids[3] ? new BillingOutcome(BillingResult.Declined, "card declined") : new BillingOutcome(BillingResult.Paid));
            },
            (_, _, _) =>
            {
                batches++;
                throw new InvalidOperationException("The batch's transaction failed.");
            }, splitOnRace: true, default);

        Assert.Equal(1, batches);
        Assert.Equal(ids.ToHashSet(), done);
        Assert.Equal((5, 4, 1, 0), (run.Examined, run.Succeeded, run.Failed, run.Skipped));
        Assert.Contains("card declined", run.Failures);
        Assert.Contains(Core.Common.PublicId.Format("sub", ids[3]), run.Failures);
    }

    private sealed class NoTenant : Core.Common.ITenantEntry
    {
        public void Enter(Guid organizationId, string name, string slug) { }
    }
}

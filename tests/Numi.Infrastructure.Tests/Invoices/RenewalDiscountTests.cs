using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Discounts;
using Numi.Core.Invoices;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Invoices;

/// <summary>A discount code used at the checkout that started a subscription follows it through renewals made by the
/// renewal job, on both providers, for as many cycles as its duration covers: cycle 1 is the checkout's payment (or,
/// after a trial, the first paid renewal), so `once` never reaches a renewal of a paid checkout, `repeating` 2 reaches
/// the first renewal only, and `forever` every one.</summary>
public sealed class RenewalDiscountTests
{
    // Quantity 2 at $10.00 a month: $20.00, and 25% off is $5.00.
    private const long Full = 2_000, Off = 500;

    private static async Task CreateCodeAsync(TestDatabase database, CheckoutSteps shop, string code, DiscountDuration duration, int? cycles = null)
    {
        await using var db = database.CreateContext(shop.Tenant);
        var created = await new CreateDiscountCodeHandler(db, shop.Tenant, new CreateDiscountCodeValidator(), shop.Clock)
            .HandleAsync(new CreateDiscountCode(new DiscountTerms(code, PercentOff: 25, Duration: duration, DurationInCycles: cycles), new DiscountLimits()), default);
        Assert.True(created.Succeeded, created.Succeeded ? "" : created.FirstError.Message);
    }

    /// <summary>A checkout of quantity 2 with <paramref name="code"/> applied: the order and its subscription.</summary>
    private static async Task<(Core.Orders.Order Order, Guid Subscription)> SubscribeWithCodeAsync(TestDatabase database, CheckoutSteps shop, string code)
    {
        var email = $"{code.ToLowerInvariant()}@example.com";
        var session = await shop.StartAsync(quantity: 2, email: email);
        await using (var db = database.CreateContext(shop.Tenant))
        {
            var applied = await new ApplyDiscountCodeHandler(db, CheckoutServices.Pricing(db, shop.Clock), new DiscountReservations(db), shop.Clock)
                .HandleAsync(new ApplyDiscountCode(session.Id, code), default);
            Assert.True(applied.Succeeded, applied.Succeeded ? "" : applied.FirstError.Message);
        }
        var order = await shop.ConfirmAsync(session.Id, email);
        Assert.True(order.Succeeded, order.Succeeded ? "" : order.FirstError.Message);
        await using var read = database.CreateContext(shop.Tenant);
        return (order.Value, await read.Subscriptions.Where(s => s.OrderId == order.Value.Id).Select(s => s.Id).SingleAsync());
    }

    /// <summary>Moves the clock to the subscriptions' period end and runs the renewal job, <paramref name="cycles"/> times.</summary>
    private static async Task RenewAsync(TestDatabase database, CheckoutSteps shop, Guid any, int cycles)
    {
        await using var services = BillingJobHost.Services(database, shop.Clock);
        for (var i = 0; i < cycles; i++)
        {
            shop.Clock.UtcNow = (await RenewalSteps.SubscriptionAsync(database, shop, any)).CurrentPeriodEnd;
            var run = await BillingJobHost.RunAsync(services, RenewSubscriptionsJob.Spec.RunOnceAsync);
            Assert.Equal(0, run.Failed);
        }
    }

    private static async Task<List<(int Cycle, string? Code, long Discount, long Total, InvoiceStatus Status)>> InvoicesOfAsync(
        TestDatabase database, CheckoutSteps shop, Guid subscription)
    {
        await using var db = database.CreateContext(shop.Tenant);
        return (await db.Invoices.AsNoTracking().Where(i => i.SubscriptionId == subscription).OrderBy(i => i.Cycle).ToListAsync())
            .Select(i => (i.Cycle, i.DiscountCode, i.AmountDiscount, i.AmountTotal, i.Status)).ToList();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Once_repeating_two_and_forever_discount_the_renewals_their_duration_covers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "club", PriceSchedule.Every(PriceInterval.Month), 1_000);
        await CreateCodeAsync(database, shop, "ONCE25", DiscountDuration.Once);
        await CreateCodeAsync(database, shop, "TWICE25", DiscountDuration.Repeating, 2);
        await CreateCodeAsync(database, shop, "ALWAYS25", DiscountDuration.Forever);
        var once = await SubscribeWithCodeAsync(database, shop, "ONCE25");
        var twice = await SubscribeWithCodeAsync(database, shop, "TWICE25");
        var always = await SubscribeWithCodeAsync(database, shop, "ALWAYS25");
        // Cycle 1 is the checkout's own payment, discounted for every duration.
        Assert.All([once.Order, twice.Order, always.Order], o => Assert.Equal((Off, Full - Off), (o.AmountDiscount, o.AmountTotal)));

        await RenewAsync(database, shop, once.Subscription, cycles: 3);

        const InvoiceStatus paid = InvoiceStatus.Paid;
        Assert.Equal([(2, null, 0, Full, paid), (3, null, 0, Full, paid), (4, null, 0, Full, paid)],
            await InvoicesOfAsync(database, shop, once.Subscription));
        Assert.Equal([(2, "TWICE25", Off, Full - Off, paid), (3, null, 0, Full, paid), (4, null, 0, Full, paid)],
            await InvoicesOfAsync(database, shop, twice.Subscription));
        Assert.Equal([(2, "ALWAYS25", Off, Full - Off, paid), (3, "ALWAYS25", Off, Full - Off, paid), (4, "ALWAYS25", Off, Full - Off, paid)],
            await InvoicesOfAsync(database, shop, always.Subscription));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task After_a_trial_a_once_discount_takes_the_first_paid_renewal_which_is_cycle_one(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "club", PriceSchedule.Every(PriceInterval.Month), 1_000);
        await using (var db = database.CreateContext(shop.Tenant))
        {
            db.Plans.Add(Plan.Create(shop.Price, new PlanFields("Club", PlanSettings.Default with { TrialDays = 14 }), shop.Clock.Now));
            await db.SaveChangesAsync();
        }
        await CreateCodeAsync(database, shop, "ONCE25", DiscountDuration.Once);
        var trial = await SubscribeWithCodeAsync(database, shop, "ONCE25");
        Assert.Equal((0L, 0L), (trial.Order.AmountDiscount, trial.Order.AmountTotal));
        Assert.Equal(SubscriptionStatus.Trialing, (await RenewalSteps.SubscriptionAsync(database, shop, trial.Subscription)).Status);

        await RenewAsync(database, shop, trial.Subscription, cycles: 3);

        const InvoiceStatus paid = InvoiceStatus.Paid;
        Assert.Equal([(1, "ONCE25", Off, Full - Off, paid), (2, null, 0, Full, paid), (3, null, 0, Full, paid)],
            await InvoicesOfAsync(database, shop, trial.Subscription));
    }
}

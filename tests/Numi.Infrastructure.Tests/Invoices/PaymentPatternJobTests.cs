using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Catalog;
using Numi.Core.Dunning;
using Numi.Core.Invoices;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Invoices;

/// <summary>The nightly payment-pattern analysis over two organizations, on both providers: one stored row per customer
/// with history, in that customer's organization; a second night writes nothing new; two runs at once write each row
/// once; and a failed payment's retry reads the stored pattern.</summary>
public sealed class PaymentPatternJobTests
{
    private static async Task<Core.Jobs.JobRun> RunAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AnalysePaymentPatternsJob>().RunOnceAsync(default);
    }

    /// <summary>A subscriber of <paramref name="shop"/> who paid at checkout and then <paramref name="renewals"/> renewals,
    /// each on the day of the month they subscribed (the 22nd, 13:00 UTC).</summary>
    private static async Task<Guid> PayingCustomerAsync(TestDatabase database, CheckoutSteps shop, int renewals)
    {
        var id = await SubscribeAsync(database, shop);
        var gateway = new Payments.SimulatedGateway(shop.Clock);
        for (var i = 0; i < renewals; i++)
        {
            shop.Clock.UtcNow = (await SubscriptionAsync(database, shop, id)).CurrentPeriodEnd;
            Assert.Equal(BillingResult.Paid, (await RenewAsync(database, shop, id, gateway)).Result);
        }
        return (await SubscriptionAsync(database, shop, id)).CustomerId;
    }

    private static async Task<Dictionary<Guid, CustomerPaymentPattern>> StoredAsync(TestDatabase database, CheckoutSteps shop)
    {
        await using var db = database.CreateContext(shop.Tenant);
        return await db.CustomerPaymentPatterns.AsNoTracking().ToDictionaryAsync(p => p.CustomerId);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_analysis_stores_each_customers_pattern_in_their_own_organization_and_a_second_night_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var monthly = PriceSchedule.Every(PriceInterval.Month);
        var club = await CheckoutSteps.NewShopAsync(database, "club", monthly, 1_000);
        var bakery = await CheckoutSteps.NewShopAsync(database, "bakery", monthly, 500);
        var regular = await PayingCustomerAsync(database, club, renewals: 2);
        var newcomer = await PayingCustomerAsync(database, club, renewals: 0);
        var baker = await PayingCustomerAsync(database, bakery, renewals: 1);
        await using var services = BillingJobHost.Services(database, club.Clock);

        var first = await RunAsync(services);

        Assert.Equal(("analyse-payment-patterns", 3, 3, 0, 0, "[]"), (first.JobName, first.Examined, first.Succeeded, first.Failed, first.Skipped, first.Failures));
        var clubs = await StoredAsync(database, club);
        Assert.Equal(new[] { newcomer, regular }.Order(), clubs.Keys.Order());
        Assert.All(clubs.Values, p => Assert.Equal(club.OrganizationId, p.OrganizationId));
        var learned = clubs[regular].Pattern;
        Assert.Equal(("UTC", 3, 3, 1 << 22, 3, 1 << 13), (learned.TimeZone, learned.Payments, learned.Successes, learned.DayMask, learned.DayCount, learned.HourMask));
        Assert.Equal((1, false), (clubs[newcomer].Pattern.Payments, clubs[newcomer].Pattern.HasPayday));
        var bakers = await StoredAsync(database, bakery);
        Assert.Equal([baker], bakers.Keys);
        Assert.Equal((2, 1 << 22), (bakers[baker].Pattern.Successes, bakers[baker].Pattern.DayMask));

        club.Clock.Advance(TimeSpan.FromDays(1));
        var second = await RunAsync(services);

        Assert.Equal((3, 0, 0, 3), (second.Examined, second.Succeeded, second.Failed, second.Skipped));
        Assert.All((await StoredAsync(database, club)).Values, p => Assert.Equal(first.StartedAt, p.LearnedAt));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_analyses_at_once_store_each_customers_pattern_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "club", PriceSchedule.Every(PriceInterval.Month), 1_000);
        var customers = new List<Guid>();
        for (var i = 0; i < 6; i++) customers.Add(await PayingCustomerAsync(database, shop, renewals: 0));
        await using var services = BillingJobHost.Services(database, shop.Clock);

        var runs = await Task.WhenAll(Task.Run(() => RunAsync(services)), Task.Run(() => RunAsync(services)));

        Assert.All(runs, r => Assert.Equal((6, 0), (r.Examined, r.Failed)));
        Assert.Equal(6, runs.Sum(r => r.Succeeded));
        Assert.Equal(customers.Order(), (await StoredAsync(database, shop)).Keys.Order());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_retry_reads_the_stored_pattern_of_its_zone_and_learns_from_the_history_without_one(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "club", PriceSchedule.Every(PriceInterval.Month), 1_000);
        var id = await SubscribeAsync(database, shop);
        var subscription = await SubscriptionAsync(database, shop, id);
        var fifths = Enumerable.Range(1, 4).Select(m => new PastPayment(new DateTime(2026, m, 5, 9, 0, 0, DateTimeKind.Utc), true)).ToArray();

        async Task<PaymentPattern> PatternAsync()
        {
            await using var db = database.CreateContext(shop.Tenant);
            return (await new RetryInputs(db).ForAsync(subscription, default)).Pattern;
        }
        async Task StoreAsync(string zone)
        {
            await using var db = database.CreateContext(shop.Tenant);
            var stored = PaymentPattern.Learn(fifths, TimeZoneInfo.FindSystemTimeZoneById(zone));
            if (await db.CustomerPaymentPatterns.FirstOrDefaultAsync(p => p.CustomerId == subscription.CustomerId) is { } row) row.Replace(stored, shop.Clock.Now);
            else db.CustomerPaymentPatterns.Add(CustomerPaymentPattern.For(subscription.CustomerId, stored, shop.Clock.Now));
            await db.SaveChangesAsync();
        }

        Assert.Equal((1, 0), ((await PatternAsync()).Payments, (await PatternAsync()).DayMask));
        await StoreAsync("UTC");
        Assert.Equal((4, 1 << 5), ((await PatternAsync()).Payments, (await PatternAsync()).DayMask));
        await StoreAsync("America/Chicago");
        Assert.Equal((1, 0), ((await PatternAsync()).Payments, (await PatternAsync()).DayMask));
    }
}

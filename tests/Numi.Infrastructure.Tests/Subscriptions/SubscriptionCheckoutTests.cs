using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Subscriptions;

/// <summary>A paid checkout of a recurring price starts one subscription, in the order's own save, on both providers,
/// whatever races: the demo's Coffee Club price ($22.00 every month) bought twice at once is still one subscription.</summary>
public sealed class SubscriptionCheckoutTests
{
    private static readonly PriceSchedule Monthly = PriceSchedule.Every(PriceInterval.Month);

    private static async Task<List<Subscription>> SubscriptionsAsync(TestDatabase database, Guid organizationId)
    {
        await using var db = database.CreateContext(new TestTenant(organizationId));
        return await db.Subscriptions.AsNoTracking().ToListAsync();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_paid_monthly_price_starts_an_active_subscription_with_its_first_period_paid(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "club", PriceSchedule.Every(PriceInterval.Month, 3, cancelAfterCycles: 4), 2_200);
        var session = await shop.StartAsync(quantity: 2);

        var order = (await shop.ConfirmAsync(session.Id, "ana@example.com")).Value;

        var subscription = Assert.Single(await SubscriptionsAsync(database, shop.OrganizationId));
        var now = SeededCatalog.Clock().GetUtcNow().UtcDateTime;
        Assert.Equal((order.Id, order.Lines[0].Id, order.CustomerId, shop.Price.Id), (subscription.OrderId, subscription.OrderLineId, subscription.CustomerId, subscription.PriceId));
        Assert.Equal((SubscriptionStatus.Active, 2, 4_400L, "usd"), (subscription.Status, subscription.Quantity, subscription.Amount, subscription.Currency));
        Assert.Equal((PriceInterval.Month, 3, 4, 1), (subscription.Interval, subscription.IntervalCount, subscription.CancelAfterCycles!.Value, subscription.CyclesPaid));
        Assert.Equal((now, now.AddMonths(3)), (subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd));
        Assert.Equal("pm_card_visa", subscription.PaymentMethod);
        Assert.Equal("Coffee club", subscription.Description);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_one_time_price_starts_no_subscription(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "shop", PriceSchedule.OneTime, 2_400);
        Assert.True((await shop.ConfirmAsync((await shop.StartAsync()).Id, "ana@example.com")).Succeeded);
        Assert.Empty(await SubscriptionsAsync(database, shop.OrganizationId));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_concurrent_confirms_of_the_monthly_price_start_exactly_one_subscription(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "club", Monthly, 2_200);
        var session = await shop.StartAsync();

        // Both contexts read the open session and reach their first save together.
        var rendezvous = new Rendezvous(2);
        await using var first = database.ContextWithInterceptor(shop.Tenant, new MeetAfterSessionRead(rendezvous));
        await using var second = database.ContextWithInterceptor(shop.Tenant, new MeetAfterSessionRead(rendezvous));
        var command = new Core.Checkout.ConfirmCheckout(session.Id, "pm_card_visa", null, "ana@example.com");
        var results = await Task.WhenAll(
            Task.Run(() => shop.Confirm(first).HandleAsync(command, default)),
            Task.Run(() => shop.Confirm(second).HandleAsync(command, default)));

        var paid = Assert.Single(results, r => r.Succeeded).Value;
        Assert.Equal(ErrorCodes.StateConflict, Assert.Single(results, r => !r.Succeeded).FirstError.Code);
        var subscription = Assert.Single(await SubscriptionsAsync(database, shop.OrganizationId));
        Assert.Equal(paid.Id, subscription.OrderId);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_new_shoppers_with_one_email_paying_at_once_both_subscribe_as_the_one_customer(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "club", Monthly, 2_200);
        var one = await shop.StartAsync();
        var two = await shop.StartAsync();

        // Both are charged at the same moment and make their orders together, each finding no customer for the email
        // yet: the second to save must take the first's customer, and its subscription must follow.
        var gateway = new GatheringGateway(new Payments.SimulatedGateway(shop.Clock), parties: 2, TimeSpan.FromSeconds(10));
        await using var first = database.CreateContext(shop.Tenant);
        await using var second = database.CreateContext(shop.Tenant);
        var results = await Task.WhenAll(
            Task.Run(() => shop.Confirm(first, gateway).HandleAsync(new Core.Checkout.ConfirmCheckout(one.Id, "pm_card_visa", null, "ana@example.com"), default)),
            Task.Run(() => shop.Confirm(second, gateway).HandleAsync(new Core.Checkout.ConfirmCheckout(two.Id, "pm_card_visa", null, "ANA@example.com"), default)));

        Assert.All(results, r => Assert.True(r.Succeeded));
        await using var db = database.CreateContext(shop.Tenant);
        var customer = await db.Customers.SingleAsync();
        var subscriptions = await db.Subscriptions.AsNoTracking().ToListAsync();
        Assert.Equal(2, subscriptions.Count);
        Assert.All(subscriptions, s => Assert.Equal(customer.Id, s.CustomerId));
        Assert.Equal(results.Select(r => r.Value.Id).Order(), subscriptions.Select(s => s.OrderId!.Value).Order());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_database_refuses_a_second_subscription_for_one_order_line(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        await using var db = database.CreateContext(new TestTenant(seeded.A.Id));
        var order = await db.Orders.Include(o => o.Lines).SingleAsync();
        var monthly = Price.Create(order.Lines[0].ProductId, "usd", Monthly, PricingModel.PerUnit(1_500), PriceScope.List, null, null, TwoOrganizations.Now);
        db.Subscriptions.Add(Subscription.Start(order, order.Lines[0], monthly, TwoOrganizations.Now));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}

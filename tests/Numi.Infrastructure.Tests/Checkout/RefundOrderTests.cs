using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Orders;
using Numi.Core.Payments;
using Numi.Infrastructure.Payments;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Stripe;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Checkout;

public sealed class RefundOrderTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_refunds_read_at_the_same_balance_cannot_both_spend_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        var clock = new FakeTimeProvider(new DateTimeOffset(TwoOrganizations.Now.AddHours(1), TimeSpan.Zero));
        var gateway = new Invoices.RefundLedger(new SimulatedGateway(clock));
        var tenant = new TestTenant(seeded.A.Id);
        await using var first = database.CreateContext(tenant);
        await using var second = database.CreateContext(tenant);
        // Both read the order (1,500 paid, 500 refunded by the seed) before either refunds the remaining 1,000.
        await first.Orders.Include(o => o.Refunds).SingleAsync(o => o.Id == seeded.A.Order.Id);
        await second.Orders.Include(o => o.Refunds).SingleAsync(o => o.Id == seeded.A.Order.Id);

        var won = await new RefundOrderHandler(first, new RefundOrderValidator(), gateway, clock).HandleAsync(new RefundOrder(seeded.A.Order.Id, 1_000), default);
        var lost = await new RefundOrderHandler(second, new RefundOrderValidator(), gateway, clock).HandleAsync(new RefundOrder(seeded.A.Order.Id, 800), default);

        Assert.True(won.Succeeded);
        Assert.False(lost.Succeeded);
        Assert.Equal(ErrorCodes.StateConflict, lost.FirstError.Code);
        // Both asked under the same key (the balance they read), so the processor refused the second amount: one refund.
        Assert.Equal([$"{seeded.A.Order.PublicId}-refund-from-500", $"{seeded.A.Order.PublicId}-refund-from-500"], gateway.Refunds.Select(r => r.Key));
        Assert.Single(gateway.Refunds, r => r.RefundId is not null);
        await using var check = database.CreateContext(tenant);
        var order = await check.Orders.Include(o => o.Refunds).AsNoTracking().SingleAsync(o => o.Id == seeded.A.Order.Id);
        Assert.Equal(1_500, order.AmountRefunded);
        Assert.Equal(OrderStatus.Refunded, order.Status);
        Assert.Equal(2, order.Refunds.Count);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Another_organizations_order_cannot_be_refunded(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        var clock = new FakeTimeProvider(new DateTimeOffset(TwoOrganizations.Now, TimeSpan.Zero));
        await using var db = database.CreateContext(new TestTenant(seeded.B.Id));

        var result = await new RefundOrderHandler(db, new RefundOrderValidator(), new SimulatedGateway(clock), clock)
            .HandleAsync(new RefundOrder(seeded.A.Order.Id, null), default);

        Assert.Equal(ErrorCodes.ResourceMissing, result.FirstError.Code);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_Stripe_payment_of_an_organization_that_disconnected_Stripe_is_not_refunded_by_the_simulator(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        var clock = new FakeTimeProvider(new DateTimeOffset(TwoOrganizations.Now.AddHours(1), TimeSpan.Zero));
        var tenant = new TestTenant(seeded.A.Id);
        await using var db = database.CreateContext(tenant);
        Assert.True((await new DisconnectStripeHandler(db).HandleAsync(new DisconnectStripe(), default)).Succeeded);
        // Nothing may be sent anywhere: this Stripe address answers nobody.
        var gateway = new TenantPaymentGateway(tenant, new StripeConnections(db, TwoOrganizations.Protector, FakeStripeClients.For(new Uri("http://127.0.0.1:9"))),
            new SimulatedGateway(clock));

        var result = await new RefundOrderHandler(db, new RefundOrderValidator(), gateway, clock).HandleAsync(new RefundOrder(seeded.A.Order.Id, 200), default);

        Assert.StartsWith("pi_", seeded.A.Order.PaymentIntentId);
        Assert.False(result.Succeeded);
        Assert.Equal((ErrorCodes.StateConflict, null, TenantPaymentGateway.NotConnected), (result.FirstError.Code, result.FirstError.Param, result.FirstError.Message));
        await using var check = database.CreateContext(tenant);
        var order = await check.Orders.Include(o => o.Refunds).AsNoTracking().SingleAsync(o => o.Id == seeded.A.Order.Id);
        Assert.Equal((500L, 1), (order.AmountRefunded, order.Refunds.Count));
    }
}

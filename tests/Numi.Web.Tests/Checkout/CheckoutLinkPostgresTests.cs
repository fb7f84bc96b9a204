using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Checkout.CheckoutSteps;

namespace Numi.Web.Tests.Checkout;

/// <summary>The offer's link on PostgreSQL: opening it writes nothing, its first post opens the session, the session
/// pays once, and a double Pay on the link makes one session and one order.</summary>
public sealed class CheckoutLinkPostgresTests(PostgresNumiFactory factory) : IClassFixture<PostgresNumiFactory>
{
    [Fact]
    public async Task Link_then_session_then_pay()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();

        for (var i = 0; i < 3; i++) Assert.Equal("$24.00", (await shopper.GetPageAsync(shop.Link)).TestId("total"));
        Assert.Equal(0, await SessionCountAsync(shop));

        var path = await shopper.StartCheckoutAsync(shop);
        Assert.Equal(1, await SessionCountAsync(shop));
        await shopper.PayAsync(path);

        var order = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().SingleAsync(o => o.OrganizationId == shop.OrganizationId));
        Assert.Equal((2400L, SessionKey(path)), (order.AmountTotal, order.CheckoutSessionId));
        Assert.Equal("#1001", (await shopper.GetPageAsync(path)).TestId("order-number"));
    }

    [Fact]
    public async Task A_double_pay_on_the_link_makes_one_session_and_one_order()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();

        var answers = await shopper.PayAtOnceOnTheLinkAsync(shop, 3);
        foreach (var answer in answers) answer.Dispose();

        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(1, await SessionCountAsync(shop));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().CountAsync(o => o.OrganizationId == shop.OrganizationId)));
    }

    [Fact]
    public async Task Shoppers_paying_their_own_sessions_at_once_each_get_one_order_with_a_number_of_its_own()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        await AssertPayingOwnSessionsAtOnceMakesOneOrderEachAsync(factory, shop, 8);
    }

    private Task<int> SessionCountAsync(CheckoutShop shop) =>
        factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().CountAsync(s => s.OrganizationId == shop.OrganizationId));
}

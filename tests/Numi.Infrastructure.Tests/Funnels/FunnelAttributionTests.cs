using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Clocks;
using Numi.Core.Funnels;
using Numi.Core.Funnels.Analytics;
using Numi.Core.Orders;
using Numi.Core.Webhooks;
using Numi.Infrastructure.Payments;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Funnels.FunnelCheckout;
using static Numi.Infrastructure.Tests.Support.CoffeeShop;
using static Numi.Infrastructure.Tests.Webhooks.WebhookWork;

namespace Numi.Infrastructure.Tests.Funnels;

/// <summary>Orders a funnel led to carry the funnel, its version and the arm, set in the order's own save whoever makes
/// it (Pay, the processor's webhook after a closed tab, a one-click upsell), with its revenue event recorded once.</summary>
public sealed class FunnelAttributionTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Paying_a_funnel_checkout_attributes_the_order_moves_the_session_on_and_records_it_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var funnel = await FunnelCheckout.CreateAsync(database, checkoutArm: "a");
        var gateway = new CountingGateway(new SimulatedGateway(funnel.Clock));

        var order = Paid(await ConfirmAsync(database, funnel.Shop.OrganizationId, gateway, funnel.Clock, funnel.Checkout.Id, "pm_card_visa"));
        var again = await ConfirmAsync(database, funnel.Shop.OrganizationId, gateway, funnel.Clock, funnel.Checkout.Id, "pm_card_visa");

        Assert.False(again.Succeeded);
        var stored = Assert.Single(await OrdersOfAsync(database, funnel.Checkout.Id));
        Assert.Equal((funnel.FunnelId, funnel.VersionId, "a"), (stored.FunnelId, stored.FunnelVersionId, stored.FunnelVariant));
        var session = await funnel.SessionAsync();
        Assert.Equal((order.Id, GrinderStep, funnel.Shop.Offer.Id), (session.OrderId, session.CurrentStepKey, session.ChosenOfferId));
        var events = await funnel.EventsAsync();
        Assert.Equal(new (FunnelEventKind, string, string?, long?)[]
        {
            (FunnelEventKind.StepCompleted, CheckoutStep, "a", null),
            (FunnelEventKind.OrderCompleted, CheckoutStep, "a", order.AmountTotal),
        }, events.OrderBy(e => e.Kind).Select(e => (e.Kind, e.StepKey, e.VariantKey, e.AmountMinor)));
        Assert.Equal("usd", events.Single(e => e.Kind == FunnelEventKind.OrderCompleted).Currency);
        Assert.Equal(1, gateway.Calls);

        // The sale reaches the analytics' rollup too: one order and its revenue.
        await using var db = database.CreateContext(funnel.Tenant);
        var read = await new ReadFunnelAnalyticsHandler(db, new ControllableClock(funnel.Clock, false)).HandleAsync(new ReadFunnelAnalytics(funnel.FunnelId), default);
        Assert.True(read.Succeeded);
        Assert.Equal((1L, order.AmountTotal), (read.Value.Orders, Assert.Single(read.Value.Revenue).Amount));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_payment_confirmed_later_by_the_webhook_after_the_tab_closed_is_attributed_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var funnel = await FunnelCheckout.CreateAsync(database);
        var simulated = new SimulatedGateway(funnel.Clock);
        var gateway = new CountingGateway(simulated);
        var challenged = await ConfirmAsync(database, funnel.Shop.OrganizationId, gateway, funnel.Clock, funnel.Checkout.Id, "pm_card_authenticationRequired");
        Assert.False(challenged.Succeeded);
        var waiting = await ReadSessionAsync(database, funnel.Shop.OrganizationId, funnel.Checkout.Id);
        Assert.True(simulated.Authenticate(waiting.PendingPaymentIntent!, approved: true));
        Assert.Null((await funnel.SessionAsync()).OrderId);

        // The shopper closed the tab at the bank: only the processor's event (delivered twice) and a late return come back.
        var first = await StoreAsync(database, funnel.Shop.OrganizationId, "payment_intent.succeeded", Intent(waiting.PendingPaymentIntent!, waiting), funnel.Clock);
        var redelivered = await StoreAsync(database, funnel.Shop.OrganizationId, "payment_intent.succeeded", Intent(waiting.PendingPaymentIntent!, waiting), funnel.Clock);
        Assert.Equal(WebhookEventResult.Processed, await ProcessAsync(database, funnel.Shop.OrganizationId, gateway, funnel.Clock, first));
        Assert.Equal(WebhookEventResult.Processed, await ProcessAsync(database, funnel.Shop.OrganizationId, gateway, funnel.Clock, redelivered));
        await using (var db = database.CreateContext(funnel.Tenant))
        {
            var late = await new CompleteAuthenticationHandler(db, gateway, CheckoutServices.Fulfilment(db, funnel.Clock), CheckoutServices.Pricing(db, funnel.Clock), funnel.Clock)
                .HandleAsync(new CompleteAuthentication(funnel.Checkout.Id), default);
            Assert.False(late.Succeeded);
        }

        var order = Assert.Single(await OrdersOfAsync(database, funnel.Checkout.Id));
        Assert.Equal((funnel.FunnelId, funnel.VersionId, "control"), (order.FunnelId, order.FunnelVersionId, order.FunnelVariant));
        var session = await funnel.SessionAsync();
        Assert.Equal((order.Id, GrinderStep), (session.OrderId, session.CurrentStepKey));
        var completed = Assert.Single(await funnel.EventsAsync(), e => e.Kind == FunnelEventKind.OrderCompleted);
        Assert.Equal((order.AmountTotal, "control"), (completed.AmountMinor, completed.VariantKey));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_accepted_upsells_are_two_orders_each_attributed_and_accepting_one_again_charges_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var funnel = await FunnelCheckout.CreateAsync(database);
        var gateway = new CountingGateway(new SimulatedGateway(funnel.Clock));
        var first = Paid(await ConfirmAsync(database, funnel.Shop.OrganizationId, gateway, funnel.Clock, funnel.Checkout.Id, "pm_card_visa"));

        var grinder = Paid(await funnel.AcceptAsync(gateway, funnel.GrinderOfferId));
        await funnel.MoveToAsync(FiltersStep);
        var filters = Paid(await funnel.AcceptAsync(gateway, funnel.FiltersOfferId));
        var grinderAgain = Paid(await funnel.AcceptAsync(gateway, funnel.GrinderOfferId));

        Assert.NotEqual(grinder.Id, filters.Id);
        Assert.Equal(grinder.Id, grinderAgain.Id);
        Assert.Equal(3, gateway.Calls);
        await using var db = database.CreateContext(funnel.Tenant);
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).OrderBy(o => o.Number).ToListAsync();
        Assert.Equal([first.Id, grinder.Id, filters.Id], orders.Select(o => o.Id));
        Assert.Equal(new Guid?[] { null, first.Id, first.Id }, orders.Select(o => o.ParentOrderId));
        Assert.Equal(["Coffee club", "Grinder", "Filters"], orders.Select(o => OfferName(funnel, o.OfferId)));
        Assert.Equal([4_900L, 900L], orders.Skip(1).Select(o => o.AmountTotal));
        Assert.All(orders, o => Assert.Equal((funnel.FunnelId, funnel.VersionId, "control"), (o.FunnelId, o.FunnelVersionId, o.FunnelVariant)));
        var upsells = (await funnel.EventsAsync()).Where(e => e.Kind == FunnelEventKind.UpsellAccepted).OrderBy(e => e.AmountMinor).ToList();
        Assert.Equal(new (string, long)[] { (FiltersStep, 900), (GrinderStep, 4_900) }, upsells.Select(e => (e.StepKey, e.AmountMinor!.Value)));
    }

    private static string OfferName(FunnelCheckout funnel, Guid offerId) =>
        offerId == funnel.Shop.Offer.Id ? "Coffee club" : offerId == funnel.GrinderOfferId ? "Grinder" : offerId == funnel.FiltersOfferId ? "Filters" : "?";

    private static Order Paid(Core.Common.Result<Order> result)
    {
        Assert.True(result.Succeeded, result.Succeeded ? "" : $"{result.FirstError.Param}: {result.FirstError.Message}");
        return result.Value;
    }
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Orders;
using Numi.Core.Webhooks;
using Numi.Infrastructure.Email;
using Numi.Infrastructure.Payments;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Support.CoffeeShop;
using static Numi.Infrastructure.Tests.Webhooks.WebhookWork;

namespace Numi.Infrastructure.Tests.Webhooks;

/// <summary>Stored Stripe events processed on both providers: the closed tab completed once, whatever races it; refunds
/// and disputes that arrive before their order wait and then apply; retries back off and give up; two nodes never
/// process one attempt.</summary>
public sealed class WebhookProcessingTests
{
    /// <summary>A shopper whose card needs the bank's authentication approved it at the bank and closed the tab.</summary>
    private static async Task<(CheckoutSession Session, string Intent)> ApprovedAtTheBankAsync(TestDatabase database, Shop shop, SimulatedGateway simulated,
        CountingGateway gateway, FakeTimeProvider clock)
    {
        var session = await StartAsync(database, shop, clock, "shopper@example.com");
        var challenged = await ConfirmAsync(database, shop.OrganizationId, gateway, clock, session.Id, "pm_card_authenticationRequired");
        Assert.False(challenged.Succeeded);
        var waiting = await ReadSessionAsync(database, shop.OrganizationId, session.Id);
        Assert.NotNull(waiting.PendingPaymentIntent);
        Assert.True(simulated.Authenticate(waiting.PendingPaymentIntent, approved: true));
        return (waiting, waiting.PendingPaymentIntent);
    }

    private static async Task<(Shop Shop, SimulatedGateway Simulated, CountingGateway Gateway, FakeTimeProvider Clock)> ShopAsync(TestDatabase database)
    {
        await database.MigrateAsync();
        var shop = await NewShopAsync(database, "roastery");
        var clock = Clock();
        var simulated = new SimulatedGateway(clock);
        return (shop, simulated, new CountingGateway(simulated), clock);
    }

    private static async Task<Order> OrderOfAsync(TestDatabase database, Guid sessionId)
    {
        await using var db = database.CreateContext();
        return await db.Orders.IgnoreQueryFilters().Include(o => o.Refunds).SingleAsync(o => o.CheckoutSessionId == sessionId);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Payment_intent_succeeded_completes_the_checkout_whose_shopper_closed_the_tab_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (shop, simulated, gateway, clock) = await ShopAsync(database);
        var (session, intent) = await ApprovedAtTheBankAsync(database, shop, simulated, gateway, clock);

        var first = await StoreAsync(database, shop.OrganizationId, "payment_intent.succeeded", Intent(intent, session), clock);
        var redelivered = await StoreAsync(database, shop.OrganizationId, "payment_intent.succeeded", Intent(intent, session), clock);
        Assert.Equal(WebhookEventResult.Processed, await ProcessAsync(database, shop.OrganizationId, gateway, clock, first));
        Assert.Equal(WebhookEventResult.Processed, await ProcessAsync(database, shop.OrganizationId, gateway, clock, redelivered));
        Assert.Equal(WebhookEventResult.NotDue, await ProcessAsync(database, shop.OrganizationId, gateway, clock, first));

        var order = Assert.Single(await OrdersOfAsync(database, session.Id));
        Assert.Equal(intent, order.PaymentIntentId);
        Assert.Equal(session.AmountTotal, order.AmountTotal);
        Assert.Equal(1, gateway.Calls);
        var completed = await ReadSessionAsync(database, shop.OrganizationId, session.Id);
        Assert.Equal(CheckoutSessionStatus.Complete, completed.Status);
        var stored = await ReadAsync(database, first);
        Assert.Equal(clock.Now, stored.ProcessedAt);
        Assert.Equal(1, stored.Attempts);
        Assert.Contains("Made order #1001", stored.Outcome);
        Assert.Contains("already made", (await ReadAsync(database, redelivered)).Outcome);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_webhook_racing_the_shoppers_return_from_the_bank_makes_one_order(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (shop, simulated, gateway, clock) = await ShopAsync(database);
        var (session, intent) = await ApprovedAtTheBankAsync(database, shop, simulated, gateway, clock);
        var eventId = await StoreAsync(database, shop.OrganizationId, "payment_intent.succeeded", Intent(intent, session), clock);

        // Both read the waiting session and try to hold it before either writes: the concurrency token decides.
        var rendezvous = new Rendezvous(2);
        var tenant = new TestTenant(shop.OrganizationId);
        await using var shopperDb = ContextWithInterceptor(database, tenant, new MeetAfterSessionRead(rendezvous));
        await using var webhookDb = ContextWithInterceptor(database, tenant, new MeetAfterSessionRead(rendezvous));
        var returned = Task.Run(() => new CompleteAuthenticationHandler(shopperDb, gateway, CheckoutServices.Fulfilment(shopperDb, clock), CheckoutServices.Pricing(shopperDb, clock), clock)
            .HandleAsync(new CompleteAuthentication(session.Id), default));
        var processed = Task.Run(() => Processor(webhookDb, gateway, clock).HandleAsync(new ProcessWebhookEvent(eventId), default));
        var (shopperResult, webhookResult) = (await returned, await processed);

        // Exactly one of them made the order: the other was refused by the session's concurrency token, or (when the
        // shopper's return got through first) the webhook found the order made for this same payment.
        var outcome = (await ReadAsync(database, eventId)).Outcome;
        var both = $"shopper: {(shopperResult.Succeeded ? "order" : shopperResult.FirstError.Message)}; webhook: {webhookResult}, {outcome}";
        Assert.True(shopperResult.Succeeded || webhookResult == WebhookEventResult.Processed, both);
        if (shopperResult.Succeeded && webhookResult == WebhookEventResult.Processed)
            Assert.True(outcome?.Contains("was already made for this payment", StringComparison.Ordinal) == true, both);
        var order = Assert.Single(await OrdersOfAsync(database, session.Id));
        Assert.Equal(intent, order.PaymentIntentId);
        // Whichever lost looks again later and finds the order made.
        clock.Advance(TimeSpan.FromMinutes(1));
        await ProcessAsync(database, shop.OrganizationId, gateway, clock, eventId);
        Assert.NotNull((await ReadAsync(database, eventId)).ProcessedAt);
        Assert.Single(await OrdersOfAsync(database, session.Id));
        Assert.Equal(1, gateway.Calls);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_webhook_arriving_while_the_shoppers_payment_is_in_flight_waits_and_one_order_is_made(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (shop, simulated, _, clock) = await ShopAsync(database);
        var gateway = new AnswerHeldGateway(simulated);
        var session = await StartAsync(database, shop, clock, "shopper@example.com");

        var confirming = Task.Run(() => ConfirmAsync(database, shop.OrganizationId, gateway, clock, session.Id, "pm_card_visa"));
        var charged = await gateway.Charged.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var eventId = await StoreAsync(database, shop.OrganizationId, "payment_intent.succeeded", Intent(charged.PaymentIntentId!, session), clock);
        Assert.Equal(WebhookEventResult.Deferred, await ProcessAsync(database, shop.OrganizationId, gateway, clock, eventId));
        gateway.Release.TrySetResult();
        Assert.True((await confirming).Succeeded);

        clock.Advance(WebhookEvent.RetryDelay(1));
        Assert.Equal(WebhookEventResult.Processed, await ProcessAsync(database, shop.OrganizationId, gateway, clock, eventId));
        Assert.Single(await OrdersOfAsync(database, session.Id));
        Assert.Equal(1, gateway.Calls);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_refund_and_a_dispute_arriving_before_their_order_wait_and_then_apply(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (shop, simulated, gateway, clock) = await ShopAsync(database);
        var (session, intent) = await ApprovedAtTheBankAsync(database, shop, simulated, gateway, clock);

        var refunded = await StoreAsync(database, shop.OrganizationId, "charge.refunded", Charge(intent, 500, ("re_dashboard_1", 500)), clock);
        var disputed = await StoreAsync(database, shop.OrganizationId, "charge.dispute.created", Dispute(intent, 1_000), clock);
        Assert.Equal(WebhookEventResult.Deferred, await ProcessAsync(database, shop.OrganizationId, gateway, clock, refunded));
        Assert.Equal(WebhookEventResult.Deferred, await ProcessAsync(database, shop.OrganizationId, gateway, clock, disputed));
        var waiting = await ReadAsync(database, refunded);
        Assert.Null(waiting.ProcessedAt);
        Assert.Equal(1, waiting.Attempts);
        Assert.Contains("No order", waiting.LastError);
        Assert.Equal(clock.Now + WebhookEvent.RetryDelay(1), waiting.NextAttemptAt);

        // The payment's own event makes the order and wakes the waiting events at once.
        var succeeded = await StoreAsync(database, shop.OrganizationId, "payment_intent.succeeded", Intent(intent, session), clock);
        Assert.Equal(WebhookEventResult.Processed, await ProcessAsync(database, shop.OrganizationId, gateway, clock, succeeded));
        Assert.Equal(WebhookEventResult.Processed, await ProcessAsync(database, shop.OrganizationId, gateway, clock, refunded));
        Assert.Equal(WebhookEventResult.Processed, await ProcessAsync(database, shop.OrganizationId, gateway, clock, disputed));

        var order = await OrderOfAsync(database, session.Id);
        Assert.Equal(500, order.AmountRefunded);
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        Assert.Equal("re_dashboard_1", Assert.Single(order.Refunds).GatewayRefundId);
        Assert.Equal("dp_" + intent, order.DisputeId);
        Assert.Equal(1_000, order.DisputeAmount);
        Assert.Equal("fraudulent", order.DisputeReason);
        Assert.Null((await ReadAsync(database, refunded)).LastError);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Refunds_made_from_Numi_are_not_counted_again_and_late_or_repeated_events_add_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (shop, _, gateway, clock) = await ShopAsync(database);
        var session = await StartAsync(database, shop, clock, "shopper@example.com");
        var paid = await ConfirmAsync(database, shop.OrganizationId, gateway, clock, session.Id, "pm_card_visa");
        Assert.True(paid.Succeeded);
        var intent = paid.Value.PaymentIntentId;
        string numiRefund;
        await using (var db = database.CreateContext(new TestTenant(shop.OrganizationId)))
        {
            var refunded = await new RefundOrderHandler(db, new RefundOrderValidator(), gateway, clock).HandleAsync(new RefundOrder(paid.Value.Id, 300), default);
            numiRefund = refunded.Value.Refunds.Single().GatewayRefundId;
        }

        // Stripe lists newest first: a dashboard refund of 200 after Numi's 300.
        var later = await StoreAsync(database, shop.OrganizationId, "charge.refunded", Charge(intent, 500, ("re_dashboard_2", 200), (numiRefund, 300)), clock);
        var earlier = await StoreAsync(database, shop.OrganizationId, "charge.refunded", Charge(intent, 300, (numiRefund, 300)), clock);
        var unlisted = await StoreAsync(database, shop.OrganizationId, "charge.refunded", Charge(intent, 500), clock);
        foreach (var id in new[] { later, earlier, unlisted, later })
            await ProcessAsync(database, shop.OrganizationId, gateway, clock, id);

        var order = await OrderOfAsync(database, session.Id);
        Assert.Equal(500, order.AmountRefunded);
        Assert.Equal([numiRefund, "re_dashboard_2"], order.Refunds.OrderBy(r => r.CreatedAt).ThenBy(r => r.Amount == 200).Select(r => r.GatewayRefundId));
        Assert.Contains("already shows", (await ReadAsync(database, earlier)).Outcome);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_refund_from_Numi_overtaken_by_its_own_webhook_is_recorded_once_and_succeeds(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (shop, simulated, gateway, clock) = await ShopAsync(database);
        var session = await StartAsync(database, shop, clock, "shopper@example.com");
        var paid = await ConfirmAsync(database, shop.OrganizationId, gateway, clock, session.Id, "pm_card_visa");
        var intent = paid.Value.PaymentIntentId;
        var overtaken = new WebhookFirstGateway(simulated, async refundId =>
        {
            var eventId = await StoreAsync(database, shop.OrganizationId, "charge.refunded", Charge(intent, 300, (refundId, 300)), clock);
            Assert.Equal(WebhookEventResult.Processed, await ProcessAsync(database, shop.OrganizationId, simulated, clock, eventId));
        });

        await using (var db = database.CreateContext(new TestTenant(shop.OrganizationId)))
        {
            var refunded = await new RefundOrderHandler(db, new RefundOrderValidator(), overtaken, clock).HandleAsync(new RefundOrder(paid.Value.Id, 300), default);
            Assert.True(refunded.Succeeded, refunded.Succeeded ? "" : refunded.FirstError.Message);
            Assert.Equal(300, refunded.Value.AmountRefunded);
        }

        var order = await OrderOfAsync(database, session.Id);
        Assert.Equal(300, order.AmountRefunded);
        Assert.Single(order.Refunds);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_failed_payment_ends_the_wait_but_never_undoes_a_completed_checkout(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (shop, simulated, gateway, clock) = await ShopAsync(database);
        var declined = await StartAsync(database, shop, clock, "first@example.com");
        await ConfirmAsync(database, shop.OrganizationId, gateway, clock, declined.Id, "pm_card_authenticationRequired");
        var waiting = await ReadSessionAsync(database, shop.OrganizationId, declined.Id);
        simulated.Authenticate(waiting.PendingPaymentIntent!, approved: false);
        var failed = await StoreAsync(database, shop.OrganizationId, "payment_intent.payment_failed",
            Intent(waiting.PendingPaymentIntent!, waiting, "payment_intent_authentication_failure"), clock);
        Assert.Equal(WebhookEventResult.Processed, await ProcessAsync(database, shop.OrganizationId, gateway, clock, failed));
        var reopened = await ReadSessionAsync(database, shop.OrganizationId, declined.Id);
        Assert.Equal(CheckoutSessionStatus.Open, reopened.Status);
        Assert.Null(reopened.PendingPaymentIntent);
        Assert.Equal("payment_intent_authentication_failure", reopened.LastDeclineCode);

        // succeeded, then a stale failure of the same payment: the checkout stays complete.
        var (paidSession, intent) = await ApprovedAtTheBankAsync(database, shop, simulated, gateway, clock);
        var succeeded = await StoreAsync(database, shop.OrganizationId, "payment_intent.succeeded", Intent(intent, paidSession), clock);
        var stale = await StoreAsync(database, shop.OrganizationId, "payment_intent.payment_failed", Intent(intent, paidSession, "generic_decline"), clock);
        await ProcessAsync(database, shop.OrganizationId, gateway, clock, succeeded);
        Assert.Equal(WebhookEventResult.Processed, await ProcessAsync(database, shop.OrganizationId, gateway, clock, stale));
        Assert.Equal(CheckoutSessionStatus.Complete, (await ReadSessionAsync(database, shop.OrganizationId, paidSession.Id)).Status);
        Assert.Single(await OrdersOfAsync(database, paidSession.Id));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_event_that_never_applies_backs_off_and_gives_up_after_the_last_attempt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (shop, _, gateway, clock) = await ShopAsync(database);
        var orphan = await StoreAsync(database, shop.OrganizationId, "charge.dispute.created", Dispute("pi_unknown", 1_000), clock);

        for (var attempt = 1; attempt < WebhookEvent.MaxAttempts; attempt++)
        {
            Assert.Equal(WebhookEventResult.Deferred, await ProcessAsync(database, shop.OrganizationId, gateway, clock, orphan));
            Assert.Equal(WebhookEventResult.NotDue, await ProcessAsync(database, shop.OrganizationId, gateway, clock, orphan));
            clock.Advance(WebhookEvent.RetryDelay(attempt));
        }
        Assert.Equal(WebhookEventResult.Abandoned, await ProcessAsync(database, shop.OrganizationId, gateway, clock, orphan));
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(WebhookEventResult.NotDue, await ProcessAsync(database, shop.OrganizationId, gateway, clock, orphan));

        var stored = await ReadAsync(database, orphan);
        Assert.True(stored.IsAbandoned);
        Assert.Equal(WebhookEvent.MaxAttempts, stored.Attempts);
        Assert.Null(stored.NextAttemptAt);
        Assert.Contains("No order has payment pi_unknown", stored.LastError);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_nodes_processing_one_event_at_once_apply_it_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (shop, simulated, gateway, clock) = await ShopAsync(database);
        var (session, intent) = await ApprovedAtTheBankAsync(database, shop, simulated, gateway, clock);
        var eventId = await StoreAsync(database, shop.OrganizationId, "payment_intent.succeeded", Intent(intent, session), clock);
        var ignored = await StoreAsync(database, shop.OrganizationId, "customer.created", new { id = "cus_1" }, clock);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ProcessAsync(database, shop.OrganizationId, gateway, clock, eventId))));

        Assert.Equal(1, results.Count(r => r == WebhookEventResult.Processed));
        Assert.All(results.Where(r => r != WebhookEventResult.Processed), r => Assert.Equal(WebhookEventResult.NotDue, r));
        Assert.Single(await OrdersOfAsync(database, session.Id));
        Assert.Equal(1, (await ReadAsync(database, eventId)).Attempts);
        Assert.Equal(WebhookEventResult.Processed, await ProcessAsync(database, shop.OrganizationId, gateway, clock, ignored));
        Assert.Contains("does not act", (await ReadAsync(database, ignored)).Outcome);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_event_is_processed_only_inside_its_own_organization(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (shop, simulated, gateway, clock) = await ShopAsync(database);
        var other = await NewOrganizationAsync(database, "other");
        var (session, intent) = await ApprovedAtTheBankAsync(database, shop, simulated, gateway, clock);
        // Another organization receives an event naming this shop's payment: its tenant sees no such checkout.
        var foreign = await StoreAsync(database, other, "payment_intent.succeeded", Intent(intent, session), clock);

        Assert.Equal(WebhookEventResult.NotDue, await ProcessAsync(database, shop.OrganizationId, gateway, clock, foreign));
        Assert.Equal(WebhookEventResult.Processed, await ProcessAsync(database, other, gateway, clock, foreign));
        Assert.Empty(await OrdersOfAsync(database, session.Id));
        Assert.Contains("No Numi checkout", (await ReadAsync(database, foreign)).Outcome);
    }
}

using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Discounts;
using Numi.Core.Offers;
using Numi.Core.Orders;
using Numi.Core.Organizations;
using Numi.Core.Payments;
using Numi.Infrastructure.Payments;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Support.CoffeeShop;

namespace Numi.Infrastructure.Tests.Checkout;

/// <summary>Checkout from start to order through the Core handlers and the simulated processor, on both providers:
/// declines, orders and customers, one order and one charge per session whatever races, and tenancy.</summary>
public sealed class ConfirmCheckoutTests
{
    private static readonly DateTime Now = TwoOrganizations.Now;

    private static Order Paid(Result<Order> result)
    {
        Assert.True(result.Succeeded, result.Succeeded ? "" : $"{result.FirstError.Param}: {result.FirstError.Code} {result.FirstError.Message}");
        return result.Value;
    }

    private static void AssertConflict(Result<Order> result)
    {
        Assert.False(result.Succeeded, "Expected a conflict, but the payment went through.");
        Assert.Equal(ErrorCodes.StateConflict, result.FirstError.Code);
    }

    // ---------------------------------------------------------------- decline, order, customer

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_decline_leaves_the_session_open_then_a_good_card_makes_order_1001_and_a_customer(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await NewShopAsync(database, "roastery");
        var clock = Clock();
        var gateway = new CountingGateway(new SimulatedGateway(clock));
        var session = await StartAsync(database, shop, clock, "Ana.Perez@Example.com",
            new Dictionary<string, SlotChoice> { ["coffee"] = new(shop.ThreeBags.Id, 2), ["grinder"] = new(shop.GrinderPrice.Id, 1) });
        Assert.Equal(2 * 4_000 + 4_900, session.AmountTotal);

        // Declined: nothing is created and the shopper may try again.
        var declined = await ConfirmAsync(database, shop.OrganizationId, gateway, clock, session.Id, "pm_card_chargeDeclined");

        Assert.False(declined.Succeeded);
        Assert.Equal(ErrorCodes.CardDeclined, declined.FirstError.Code);
        Assert.Equal("generic_decline", declined.FirstError.DeclineCode);
        Assert.Equal("payment_method", declined.FirstError.Param);
        var afterDecline = await ReadSessionAsync(database, shop.OrganizationId, session.Id);
        Assert.Equal(CheckoutSessionStatus.Open, afterDecline.Status);
        Assert.Equal(2, afterDecline.PaymentAttempt);
        Assert.Equal("generic_decline", afterDecline.LastDeclineCode);
        Assert.Null(afterDecline.OrderId);
        Assert.Empty(await OrdersOfAsync(database, session.Id));
        await using (var db = database.CreateContext(new TestTenant(shop.OrganizationId)))
            Assert.Equal(0, await db.Customers.CountAsync());

        // Paid with pm_card_visa.
        clock.Advance(TimeSpan.FromMinutes(1));
        var order = Paid(await ConfirmAsync(database, shop.OrganizationId, gateway, clock, session.Id, "pm_card_visa", name: " Ana Pérez "));

        Assert.Equal(Order.FirstNumber, order.Number);
        Assert.Equal(1001, order.Number);
        Assert.Equal([session.PublicId + "-1", session.PublicId + "-2"], gateway.Requests.Select(r => r.IdempotencyKey));
        Assert.All(gateway.Requests, r => Assert.Equal(2 * 4_000 + 4_900, r.Amount));

        // The catalog changes afterwards; the order keeps what was sold and at what price.
        await using (var db = database.CreateContext(new TestTenant(shop.OrganizationId)))
        {
            var coffee = await db.Products.SingleAsync(p => p.Id == shop.Coffee.Id);
            coffee.Update(new ProductFields("Renamed blend"), Now.AddHours(2));
            (await db.Prices.SingleAsync(p => p.Id == shop.ThreeBags.Id)).Archive(Now.AddHours(2));
            await db.SaveChangesAsync();
        }

        var stored = Assert.Single(await OrdersOfAsync(database, session.Id));
        Assert.Equal(order.Id, stored.Id);
        Assert.Equal(1001, stored.Number);
        Assert.Equal(shop.OrganizationId, stored.OrganizationId);
        Assert.Equal(OrderStatus.Paid, stored.Status);
        Assert.Equal("usd", stored.Currency);
        Assert.Equal(12_900, stored.AmountSubtotal);
        Assert.Equal(12_900, stored.AmountTotal);
        Assert.StartsWith("pi_", stored.PaymentIntentId);
        Assert.Equal("visa", stored.CardBrand);
        Assert.Equal("4242", stored.CardLast4);
        Assert.Equal(shop.Offer.Id, stored.OfferId);
        var lines = stored.Lines.OrderBy(l => l.SlotKey, StringComparer.Ordinal).ToList();
        Assert.Equal(["coffee", "grinder"], lines.Select(l => l.SlotKey));
        Assert.Equal("House blend", lines[0].Description);
        Assert.Equal(shop.ThreeBags.Summary, lines[0].PriceSummary);
        Assert.Equal("$40.00", lines[0].PriceSummary);
        Assert.Equal(shop.ThreeBags.Id, lines[0].PriceId);
        Assert.Equal(shop.Coffee.Id, lines[0].ProductId);
        Assert.Equal(2, lines[0].Quantity);
        Assert.Equal(8_000, lines[0].Amount);
        Assert.Equal("Burr grinder", lines[1].Description);
        Assert.Equal("$49.00", lines[1].PriceSummary);
        Assert.Equal(1, lines[1].Quantity);
        Assert.Equal(4_900, lines[1].Amount);
        Assert.All(lines, l => Assert.Equal(shop.OrganizationId, l.OrganizationId));
        Assert.Equal(stored.AmountSubtotal, lines.Sum(l => l.Amount));

        var paidSession = await ReadSessionAsync(database, shop.OrganizationId, session.Id);
        Assert.Equal(CheckoutSessionStatus.Complete, paidSession.Status);
        Assert.Equal(order.Id, paidSession.OrderId);
        Assert.Equal(clock.Now, paidSession.CompletedAt);
        Assert.Null(paidSession.AttemptStartedAt);

        await using (var db = database.CreateContext(new TestTenant(shop.OrganizationId)))
        {
            var customer = await db.Customers.SingleAsync();
            Assert.Equal(customer.Id, stored.CustomerId);
            Assert.Equal("Ana.Perez@Example.com", customer.Email);
            Assert.Equal("ana.perez@example.com", customer.EmailKey);
            Assert.Equal("Ana Pérez", customer.Name);
            Assert.Equal("pm_card_visa", customer.DefaultPaymentMethod);
        }

        // A second checkout by the same shopper, the email typed in another case: the same customer, order 1002.
        var second = await StartAsync(database, shop, clock, "ANA.PEREZ@example.COM");
        var secondOrder = Paid(await ConfirmAsync(database, shop.OrganizationId, gateway, clock, second.Id, "pm_card_mastercard"));

        Assert.Equal(1002, secondOrder.Number);
        Assert.Equal(order.CustomerId, secondOrder.CustomerId);
        Assert.Equal(1_500, secondOrder.AmountTotal);
        Assert.NotEqual(order.PaymentIntentId, secondOrder.PaymentIntentId);
        await using (var db = database.CreateContext(new TestTenant(shop.OrganizationId)))
        {
            var customer = await db.Customers.SingleAsync();
            Assert.Equal("Ana.Perez@Example.com", customer.Email);
            Assert.Equal("Ana Pérez", customer.Name); // the second checkout gave no name; the first one's stays
            Assert.Equal("pm_card_mastercard", customer.DefaultPaymentMethod);
            Assert.Equal([1001, 1002], await db.Orders.OrderBy(o => o.Number).Select(o => o.Number).ToListAsync());
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Paying_with_the_choice_as_posted_charges_and_orders_that_choice_priced_by_the_server(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await NewShopAsync(database, "roastery");
        var clock = Clock();
        var gateway = new CountingGateway(new SimulatedGateway(clock));
        var session = await StartAsync(database, shop, clock, "shopper@example.com");
        Assert.Equal(1_500, session.AmountTotal);

        // The page posts its choice with Pay (two packs of three bags and the grinder) instead of saving it first; the
        // coffee slot left out would keep its default.
        await using (var db = database.CreateContext(new TestTenant(shop.OrganizationId)))
        {
            var order = Paid(await new ConfirmCheckoutHandler(db, new ConfirmCheckoutValidator(), gateway, CheckoutServices.Fulfilment(db, clock),
                    CheckoutServices.Pricing(db, clock), clock)
                .HandleAsync(new ConfirmCheckout(session.Id, "pm_card_visa", null, Selection: new Dictionary<string, SlotChoice>
                {
                    ["coffee"] = new(shop.ThreeBags.Id, 2), ["grinder"] = new(shop.GrinderPrice.Id, 1),
                }), default));
            Assert.Equal(2 * 4_000 + 4_900, order.AmountTotal);
        }

        Assert.Equal(2 * 4_000 + 4_900, Assert.Single(gateway.Requests).Amount);
        var stored = await ReadSessionAsync(database, shop.OrganizationId, session.Id);
        Assert.Equal(new SlotChoice(shop.ThreeBags.Id, 2), stored.Selection["coffee"]);
        Assert.Equal(2 * 4_000 + 4_900, stored.AmountTotal);
        var lines = (await OrdersOfAsync(database, session.Id)).Single().Lines;
        Assert.Equal([("coffee", 2, 8_000L), ("grinder", 1, 4_900L)], lines.OrderBy(l => l.SlotKey).Select(l => (l.SlotKey, l.Quantity, l.Amount)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_completed_session_cannot_be_paid_again(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await NewShopAsync(database, "roastery");
        var clock = Clock();
        var gateway = new CountingGateway(new SimulatedGateway(clock));
        var session = await StartAsync(database, shop, clock, "shopper@example.com");
        Paid(await ConfirmAsync(database, shop.OrganizationId, gateway, clock, session.Id, "pm_card_visa"));

        var again = await ConfirmAsync(database, shop.OrganizationId, gateway, clock, session.Id, "pm_card_visa");

        AssertConflict(again);
        Assert.Equal(1, gateway.Calls);
        Assert.Single(await OrdersOfAsync(database, session.Id));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_expired_session_or_one_without_an_email_charges_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await NewShopAsync(database, "roastery");
        var clock = Clock();
        var gateway = new CountingGateway(new SimulatedGateway(clock));
        var noEmail = await StartAsync(database, shop, clock, null);
        var expiring = await StartAsync(database, shop, clock, "shopper@example.com");

        var missingEmail = await ConfirmAsync(database, shop.OrganizationId, gateway, clock, noEmail.Id, "pm_card_visa");
        clock.Advance(CheckoutOptions.Default.SessionLifetime);
        var expired = await ConfirmAsync(database, shop.OrganizationId, gateway, clock, expiring.Id, "pm_card_visa");

        Assert.False(missingEmail.Succeeded);
        Assert.Equal(ErrorCodes.ParameterMissing, missingEmail.FirstError.Code);
        Assert.Equal("customer_email", missingEmail.FirstError.Param);
        AssertConflict(expired);
        Assert.Equal(0, gateway.Calls);
        Assert.Empty(await OrdersOfAsync(database, noEmail.Id));
        Assert.Empty(await OrdersOfAsync(database, expiring.Id));
        Assert.Equal(CheckoutSessionStatus.Open, (await ReadSessionAsync(database, shop.OrganizationId, noEmail.Id)).Status);
    }

    // ---------------------------------------------------------------- exactly once

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_concurrent_confirms_of_one_session_make_one_order_and_one_charge(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await NewShopAsync(database, "roastery");
        var clock = Clock();
        var gateway = new CountingGateway(new SimulatedGateway(clock), TimeSpan.FromMilliseconds(150));
        var session = await StartAsync(database, shop, clock, "shopper@example.com");

        // Both contexts read the open session and hold it before either writes: the status concurrency token,
        // not the order of arrival, must decide the winner.
        var rendezvous = new Rendezvous(2);
        var tenant = new TestTenant(shop.OrganizationId);
        await using var first = database.ContextWithInterceptor( tenant, new MeetAfterSessionRead(rendezvous));
        await using var second = database.ContextWithInterceptor( tenant, new MeetAfterSessionRead(rendezvous));

        var results = await Task.WhenAll(
            Task.Run(() => ConfirmAsync(first, gateway, clock, session.Id, "pm_card_visa")),
            Task.Run(() => ConfirmAsync(second, gateway, clock, session.Id, "pm_card_visa")));

        Assert.Equal(1, results.Count(r => r.Succeeded));
        AssertConflict(Assert.Single(results, r => !r.Succeeded));
        Assert.Equal(1, gateway.Calls);
        var order = Assert.Single(await OrdersOfAsync(database, session.Id));
        Assert.Equal(results.Single(r => r.Succeeded).Value.Id, order.Id);
        Assert.Equal(1001, order.Number);
        var stored = await ReadSessionAsync(database, shop.OrganizationId, session.Id);
        Assert.Equal(CheckoutSessionStatus.Complete, stored.Status);
        Assert.Equal(order.Id, stored.OrderId);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Many_simultaneous_confirms_of_one_session_make_one_order_and_one_charge(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await NewShopAsync(database, "roastery");
        var clock = Clock();
        var gateway = new CountingGateway(new SimulatedGateway(clock), TimeSpan.FromMilliseconds(100));
        var session = await StartAsync(database, shop, clock, "shopper@example.com");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            ConfirmAsync(database, shop.OrganizationId, gateway, clock, session.Id, "pm_card_visa"))));

        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), AssertConflict);
        Assert.Equal(1, gateway.Calls);
        Assert.Single(await OrdersOfAsync(database, session.Id));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_confirm_while_another_attempt_is_at_the_processor_is_a_conflict_and_charges_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await NewShopAsync(database, "roastery");
        var clock = Clock();
        var gateway = new HeldGateway(new SimulatedGateway(clock));
        var session = await StartAsync(database, shop, clock, "shopper@example.com");

        var paying = Task.Run(() => ConfirmAsync(database, shop.OrganizationId, gateway, clock, session.Id, "pm_card_visa"));
        await gateway.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var meanwhile = await ConfirmAsync(database, shop.OrganizationId, gateway, clock, session.Id, "pm_card_mastercard");
        var stateMeanwhile = await ReadSessionAsync(database, shop.OrganizationId, session.Id);
        gateway.Release.SetResult();
        var paid = Paid(await paying.WaitAsync(TimeSpan.FromSeconds(30)));

        AssertConflict(meanwhile);
        Assert.Equal(CheckoutSessionStatus.Processing, stateMeanwhile.Status);
        Assert.Equal(1, gateway.Calls);
        Assert.Equal("visa", paid.CardBrand);
        Assert.Single(await OrdersOfAsync(database, session.Id));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_attempt_lost_after_the_charge_is_taken_over_after_the_timeout_with_the_same_key_and_no_second_charge(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await NewShopAsync(database, "roastery");
        var clock = Clock();
        var processor = new SimulatedGateway(clock);
        var gateway = new LosesFirstAnswerGateway(processor);
        var session = await StartAsync(database, shop, clock, "shopper@example.com");

        // The processor charges, but its answer never arrives.
        await Assert.ThrowsAsync<IOException>(() => ConfirmAsync(database, shop.OrganizationId, gateway, clock, session.Id, "pm_card_visa"));
        var held = await ReadSessionAsync(database, shop.OrganizationId, session.Id);
        Assert.Equal(CheckoutSessionStatus.Processing, held.Status);

        clock.Advance(CheckoutSession.AttemptTimeout - TimeSpan.FromSeconds(1));
        var tooSoon = await ConfirmAsync(database, shop.OrganizationId, gateway, clock, session.Id, "pm_card_visa");
        clock.Advance(TimeSpan.FromSeconds(1));
        var recovered = Paid(await ConfirmAsync(database, shop.OrganizationId, gateway, clock, session.Id, "pm_card_visa"));

        AssertConflict(tooSoon);
        Assert.Equal(2, gateway.Requests.Count);
        Assert.Equal(session.PublicId + "-1", gateway.Requests[0].IdempotencyKey);
        Assert.Equal(gateway.Requests[0].IdempotencyKey, gateway.Requests[1].IdempotencyKey);
        Assert.Equal(gateway.LostOutcome!.PaymentIntentId, recovered.PaymentIntentId);
        Assert.Single(await OrdersOfAsync(database, session.Id));
        Assert.Equal(CheckoutSessionStatus.Complete, (await ReadSessionAsync(database, shop.OrganizationId, session.Id)).Status);
    }

    /// <summary>Taking over a timed-out attempt leaves the status at Processing, so the status concurrency token
    /// alone cannot tell two simultaneous takeovers apart; still only one may reach the processor, and the other
    /// must be told the payment is in progress rather than fail with an exception.</summary>
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_simultaneous_takeovers_of_a_timed_out_attempt_make_one_order_one_processor_call_and_one_conflict(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await NewShopAsync(database, "roastery");
        var clock = Clock();
        var processor = new SimulatedGateway(clock);
        var session = await StartAsync(database, shop, clock, "shopper@example.com");
        await Assert.ThrowsAsync<IOException>(() =>
            ConfirmAsync(database, shop.OrganizationId, new LosesFirstAnswerGateway(processor), clock, session.Id, "pm_card_visa"));
        clock.Advance(CheckoutSession.AttemptTimeout);

        // Whoever gets past the takeover waits at the processor (up to 2 s) for a second caller, so a second takeover,
        // if there is one, overlaps the first.
        var gateway = new GatheringGateway(processor, parties: 2, TimeSpan.FromSeconds(2));
        var rendezvous = new Rendezvous(2);
        var tenant = new TestTenant(shop.OrganizationId);
        await using var first = database.ContextWithInterceptor( tenant, new MeetAfterSessionRead(rendezvous));
        await using var second = database.ContextWithInterceptor( tenant, new MeetAfterSessionRead(rendezvous));

        async Task<(Result<Order>? Result, Exception? Thrown)> TryConfirmAsync(NumiDbContext db)
        {
            try { return (await ConfirmAsync(db, gateway, clock, session.Id, "pm_card_visa"), null); }
            catch (Exception exception) { return (null, exception); }
        }

        var outcomes = await Task.WhenAll(Task.Run(() => TryConfirmAsync(first)), Task.Run(() => TryConfirmAsync(second)));

        Assert.All(outcomes, o => Assert.True(o.Thrown is null, $"A confirm threw {o.Thrown?.GetType().Name}: {o.Thrown?.Message}"));
        Assert.Equal(1, outcomes.Count(o => o.Result!.Succeeded));
        AssertConflict(outcomes.Single(o => !o.Result!.Succeeded).Result!);
        Assert.Single(await OrdersOfAsync(database, session.Id));
        Assert.Equal(1, gateway.Calls);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_sessions_paid_at_the_same_moment_get_different_numbers_and_share_one_new_customer(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await NewShopAsync(database, "roastery");
        var clock = Clock();
        // Both are charged at the same moment and go on to make their orders together, each for a new customer.
        var gateway = new GatheringGateway(new SimulatedGateway(clock), parties: 2, TimeSpan.FromSeconds(10));
        var first = await StartAsync(database, shop, clock, "twice@example.com");
        var second = await StartAsync(database, shop, clock, "TWICE@Example.com");

        var results = await Task.WhenAll(
            Task.Run(() => ConfirmAsync(database, shop.OrganizationId, gateway, clock, first.Id, "pm_card_visa")),
            Task.Run(() => ConfirmAsync(database, shop.OrganizationId, gateway, clock, second.Id, "pm_card_visa")));

        var orders = results.Select(Paid).ToList();
        Assert.Equal([1001, 1002], orders.Select(o => o.Number).Order());
        Assert.Equal(2, gateway.Calls);
        await using var db = database.CreateContext(new TestTenant(shop.OrganizationId));
        var customer = await db.Customers.SingleAsync();
        Assert.Equal([customer.Id, customer.Id], await db.Orders.Select(o => o.CustomerId).ToListAsync());
        Assert.Equal([1001, 1002], await db.Orders.OrderBy(o => o.Number).Select(o => o.Number).ToListAsync());
        Assert.Equal(2, await db.CheckoutSessions.CountAsync(s => s.Status == CheckoutSessionStatus.Complete));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sixteen_sessions_paid_at_the_same_moment_each_make_one_order_numbered_in_turn_with_its_own_email(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await NewShopAsync(database, "roastery");
        var clock = Clock();
        // All sixteen are charged together, then make their orders at once: reading the next number before saving,
        // they all read 1001, and five tries each were not enough for the last ones (a charge without an order).
        const int shoppers = 16;
        var gateway = new GatheringGateway(new SimulatedGateway(clock), shoppers, TimeSpan.FromSeconds(10));
        var sessions = new List<CheckoutSession>();
        for (var i = 0; i < shoppers; i++) sessions.Add(await StartAsync(database, shop, clock, $"shopper{i}@example.com"));

        var results = await Task.WhenAll(sessions.Select(s => Task.Run(() =>
            ConfirmAsync(database, shop.OrganizationId, gateway, clock, s.Id, "pm_card_visa"))));

        var orders = results.Select(Paid).ToList();
        Assert.Equal(Enumerable.Range(Order.FirstNumber, shoppers), orders.Select(o => o.Number).Order());
        Assert.Equal(shoppers, gateway.Calls);
        await using var db = database.CreateContext(new TestTenant(shop.OrganizationId));
        Assert.Equal(sessions.Select(s => s.Id).Order(), (await db.Orders.Select(o => o.CheckoutSessionId).ToListAsync()).Order());
        Assert.Equal(shoppers, await db.Customers.CountAsync());
        // Each confirmation mail names the number its order was saved with.
        var mails = await db.OutboxMessages.Select(m => m.Subject + " " + m.TextBody).ToListAsync();
        Assert.Equal(shoppers, mails.Count);
        Assert.All(orders, o => Assert.Single(mails, m => m.Contains($"#{o.Number} ")));
    }

    // ---------------------------------------------------------------- tenancy

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Orders_customers_and_sessions_of_another_organization_are_invisible_and_numbers_are_per_organization(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var alpha = await NewShopAsync(database, "alpha");
        var bravo = await NewShopAsync(database, "bravo");
        var clock = Clock();
        var gateway = new CountingGateway(new SimulatedGateway(clock));
        var alphaSession = await StartAsync(database, alpha, clock, "same@example.com");
        var bravoSession = await StartAsync(database, bravo, clock, "same@example.com");
        var bravoOpen = await StartAsync(database, bravo, clock, "other@example.com");

        var alphaOrder = Paid(await ConfirmAsync(database, alpha.OrganizationId, gateway, clock, alphaSession.Id, "pm_card_visa"));
        var bravoOrder = Paid(await ConfirmAsync(database, bravo.OrganizationId, gateway, clock, bravoSession.Id, "pm_card_visa"));
        // Alpha cannot pay, or even find, Bravo's open session.
        var foreign = await ConfirmAsync(database, alpha.OrganizationId, gateway, clock, bravoOpen.Id, "pm_card_visa");

        Assert.Equal(1001, alphaOrder.Number);
        Assert.Equal(1001, bravoOrder.Number);
        Assert.NotEqual(alphaOrder.CustomerId, bravoOrder.CustomerId);
        Assert.False(foreign.Succeeded);
        Assert.Equal(ErrorCodes.ResourceMissing, foreign.FirstError.Code);
        Assert.Equal(2, gateway.Calls);
        Assert.Equal(CheckoutSessionStatus.Open, (await ReadSessionAsync(database, bravo.OrganizationId, bravoOpen.Id)).Status);

        await using var db = database.CreateContext(new TestTenant(bravo.OrganizationId));
        Assert.Null(await db.Orders.FirstOrDefaultAsync(o => o.Id == alphaOrder.Id));
        Assert.Equal([bravoOrder.Id], await db.Orders.Select(o => o.Id).ToListAsync());
        Assert.Empty(await db.Set<OrderLine>().Where(l => l.OrderId == alphaOrder.Id).ToListAsync());
        Assert.Equal([bravoOrder.CustomerId], await db.Customers.Select(c => c.Id).ToListAsync());
        Assert.Null(await db.CheckoutSessions.FirstOrDefaultAsync(s => s.Id == alphaSession.Id));
        // The rows are there: it is the tenant filter that hides them.
        Assert.True(await db.Orders.IgnoreQueryFilters().AnyAsync(o => o.Id == alphaOrder.Id));
    }
}

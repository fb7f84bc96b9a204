using Microsoft.EntityFrameworkCore;
using Numi.Core.Customers;
using Numi.Core.Invoices;
using Numi.Core.Payments;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Payments;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Invoices;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Subscriptions;

/// <summary>Subscriptions started with no checkout, on both providers: the first period is billed and charged at once
/// on a numbered invoice with its attempt key, a declined first charge leaves the subscription incomplete with its open
/// invoice, a trial charges nothing, and an order-less subscription renews like any other.</summary>
public sealed class SubscriptionCreationTests
{
    private static async Task<(CheckoutSteps Shop, Guid Customer, RecordingGateway Gateway)> ShopWithCustomerAsync(TestDatabase database,
        string? savedCard = "pm_card_visa")
    {
        var shop = await CheckoutSteps.NewShopAsync(database, "club", Core.Catalog.PriceSchedule.Every(Core.Catalog.PriceInterval.Month), 1_000);
        await using var db = database.CreateContext(shop.Tenant);
        var customer = Customer.Create("ana@example.com", "Ana", null, shop.Clock.Now);
        customer.Seen(null, null, savedCard);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return (shop, customer.Id, new RecordingGateway(new SimulatedGateway(shop.Clock)));
    }

    private static async Task<Core.Common.Result<Subscription>> CreateAsync(TestDatabase database, CheckoutSteps shop, IPaymentGateway gateway,
        CreateSubscription command)
    {
        await using var db = database.CreateContext(shop.Tenant);
        var handler = new CreateSubscriptionHandler(db, new CreateSubscriptionValidator(), gateway, Renewal(db, shop.Clock, gateway),
            Collection(db, shop.Clock, gateway), shop.Clock);
        return await handler.HandleAsync(command, default);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Without_a_trial_the_first_period_is_invoiced_and_charged_at_once_and_later_renews(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, customer, gateway) = await ShopWithCustomerAsync(database);
        var now = shop.Clock.Now;

        var created = await CreateAsync(database, shop, gateway, new CreateSubscription(customer, null, shop.Price.Id, Quantity: 3, Note: "api"));

        Assert.True(created.Succeeded, created.Succeeded ? "" : created.FirstError.Message);
        var subscription = await SubscriptionAsync(database, shop, created.Value.Id);
        var invoice = Assert.Single(await InvoicesAsync(database, shop));
        var charge = Assert.Single(gateway.Charges);
        Assert.Equal((SubscriptionStatus.Active, 1, (Guid?)null, "pm_card_visa"), (subscription.Status, subscription.CyclesPaid, subscription.OrderId, subscription.PaymentMethod));
        Assert.Equal((now, now.AddMonths(1)), (subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd));
        Assert.Equal((1, InvoiceStatus.Paid, 1, 3_000L, 3_000L), (invoice.Number, invoice.Status, invoice.Cycle, invoice.AmountTotal, invoice.AmountPaid));
        Assert.Equal((now, now.AddMonths(1), customer), (invoice.PeriodStart, invoice.PeriodEnd, invoice.CustomerId));
        Assert.Equal(($"{invoice.PublicId}:attempt:1", 3_000L), (charge.Key, Assert.Single(gateway.Amounts)));
        Assert.Equal([SubscriptionEventType.Created, SubscriptionEventType.Renewed], subscription.Events.OrderBy(e => e.Id).Select(e => e.Type));
        Assert.Equal("api", subscription.Events.Single(e => e.Type == SubscriptionEventType.Created).Note);

        // At the period's end it renews as a checkout's subscription does, with no order to read terms from.
        shop.Clock.UtcNow = subscription.CurrentPeriodEnd;
        Assert.Equal(BillingResult.Paid, (await RenewAsync(database, shop, subscription.Id, gateway)).Result);
        var renewal = (await InvoicesAsync(database, shop))[1];
        Assert.Equal((2, 2, 3_000L, now.AddMonths(1), now.AddMonths(2), (string?)null, (string?)null),
            (renewal.Number, renewal.Cycle, renewal.AmountTotal, renewal.PeriodStart, renewal.PeriodEnd, renewal.DiscountCode, renewal.TaxName));
        var renewed = await SubscriptionAsync(database, shop, subscription.Id);
        Assert.Equal((SubscriptionStatus.Active, 2, now.AddMonths(2)), (renewed.Status, renewed.CyclesPaid, renewed.CurrentPeriodEnd));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_declined_first_charge_leaves_the_subscription_incomplete_with_its_open_invoice(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, customer, gateway) = await ShopWithCustomerAsync(database, "pm_card_chargeCustomerFail");

        var created = await CreateAsync(database, shop, gateway, new CreateSubscription(customer, null, shop.Price.Id));

        Assert.True(created.Succeeded);
        Assert.Equal(SubscriptionStatus.Incomplete, created.Value.Status);
        var subscription = await SubscriptionAsync(database, shop, created.Value.Id);
        Assert.Equal((SubscriptionStatus.Incomplete, 0), (subscription.Status, subscription.CyclesPaid));
        Assert.Equal([SubscriptionEventType.Created, SubscriptionEventType.PaymentFailed], subscription.Events.OrderBy(e => e.Id).Select(e => e.Type));
        var invoice = Assert.Single(await InvoicesAsync(database, shop));
        Assert.Equal((InvoiceStatus.Open, 1, "generic_decline", 0L), (invoice.Status, invoice.AttemptCount, invoice.LastDeclineCode, invoice.AmountPaid));
        Assert.NotNull(invoice.NextAttemptAt);
        // The renewal job leaves an incomplete subscription alone: only its invoice's retries charge it.
        shop.Clock.UtcNow = subscription.CurrentPeriodEnd.AddMonths(2);
        Assert.Equal(BillingResult.Skipped, (await RenewAsync(database, shop, subscription.Id, gateway)).Result);
        Assert.Single(await InvoicesAsync(database, shop));

        // A retry with a working card pays the first period and activates it.
        await UseCardAsync(database, shop, subscription.Id, "pm_card_visa");
        shop.Clock.UtcNow = invoice.NextAttemptAt!.Value;
        await using (var db = database.CreateContext(shop.Tenant))
            Assert.Equal(BillingResult.Paid, (await Collection(db, shop.Clock, gateway).CollectAsync(invoice.Id, default)).Result);
        var active = await SubscriptionAsync(database, shop, subscription.Id);
        Assert.Equal((SubscriptionStatus.Active, 1, invoice.PeriodEnd), (active.Status, active.CyclesPaid, active.CurrentPeriodEnd));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_trial_charges_nothing_and_the_trials_end_bills_the_first_period(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, customer, gateway) = await ShopWithCustomerAsync(database);
        var now = shop.Clock.Now;

        var created = await CreateAsync(database, shop, gateway, new CreateSubscription(customer, null, shop.Price.Id, TrialPeriodDays: 7));

        var subscription = await SubscriptionAsync(database, shop, created.Value.Id);
        Assert.Equal((SubscriptionStatus.Trialing, now.AddDays(7)), (subscription.Status, subscription.CurrentPeriodEnd));
        Assert.Empty(gateway.Charges);
        Assert.Empty(await InvoicesAsync(database, shop));

        shop.Clock.UtcNow = now.AddDays(7);
        Assert.Equal(BillingResult.Paid, (await RenewAsync(database, shop, subscription.Id, gateway)).Result);
        var first = Assert.Single(await InvoicesAsync(database, shop));
        Assert.Equal((1, now.AddDays(7), now.AddDays(7).AddMonths(1)), (first.Cycle, first.PeriodStart, first.PeriodEnd));
        Assert.Equal(SubscriptionStatus.Active, (await SubscriptionAsync(database, shop, subscription.Id)).Status);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_customer_with_no_saved_card_or_a_refused_card_gets_nothing_made(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, customer, gateway) = await ShopWithCustomerAsync(database, savedCard: null);

        var none = await CreateAsync(database, shop, gateway, new CreateSubscription(customer, null, shop.Price.Id));
        var refused = await CreateAsync(database, shop, gateway, new CreateSubscription(customer, null, shop.Price.Id, PaymentMethod: "pm_card_chargeDeclined"));

        Assert.Equal((Core.Common.ErrorCodes.StateConflict, "payment_method"), (none.FirstError.Code, none.FirstError.Param));
        Assert.Equal((Core.Common.ErrorCodes.CardDeclined, "payment_method"), (refused.FirstError.Code, refused.FirstError.Param));
        await using var db = database.CreateContext(shop.Tenant);
        Assert.False(await db.Subscriptions.AnyAsync());
        Assert.False(await db.Invoices.AnyAsync());
        Assert.Empty(gateway.Charges);
    }
}

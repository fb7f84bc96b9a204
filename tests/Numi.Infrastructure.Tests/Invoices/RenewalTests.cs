using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Dunning;
using Numi.Core.Invoices;
using Numi.Core.Subscriptions;
using Numi.Core.Tax;
using Numi.Infrastructure.Payments;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Invoices;

/// <summary>A subscription bought at checkout renewed with a controlled clock, on both providers: paid renewals move
/// the period on (the 31st comes back after a shorter month), declines make it past due with the retry scheduler's
/// time and reason, hard declines ask for a new card, and the plan's choice applies after the last retry.</summary>
public sealed class RenewalTests
{
    private static readonly PriceSchedule Monthly = PriceSchedule.Every(PriceInterval.Month);

    private static async Task<(CheckoutSteps Shop, Guid Id, RecordingGateway Gateway)> SubscribedAsync(TestDatabase database, DateTime? at = null)
    {
        var shop = await CheckoutSteps.NewShopAsync(database, "club", Monthly, 1_000);
        if (at is { } start) shop.Clock.UtcNow = start;
        var id = await SubscribeAsync(database, shop);
        return (shop, id, new RecordingGateway(new SimulatedGateway(shop.Clock)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_paid_renewal_invoices_the_next_period_and_moves_the_subscription_on(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id, gateway) = await SubscribedAsync(database);
        var before = await SubscriptionAsync(database, shop, id);
        Assert.Equal(BillingResult.Skipped, (await RenewAsync(database, shop, id, gateway)).Result);
        shop.Clock.UtcNow = before.CurrentPeriodEnd.AddMinutes(3);

        Assert.Equal(BillingResult.Paid, (await RenewAsync(database, shop, id, gateway)).Result);

        var invoice = Assert.Single(await InvoicesAsync(database, shop));
        var charge = Assert.Single(gateway.Charges);
        Assert.Equal((1, "INV-000001", InvoiceStatus.Paid, 2), (invoice.Number, invoice.DisplayNumber, invoice.Status, invoice.Cycle));
        Assert.Equal((before.CurrentPeriodEnd, before.BillingAnchor.AddMonths(2)), (invoice.PeriodStart, invoice.PeriodEnd));
        Assert.Equal((2_000L, 2_000L, 1, charge.Outcome.PaymentIntentId), (invoice.AmountTotal, invoice.AmountPaid, invoice.AttemptCount, invoice.PaymentIntentId));
        Assert.Equal($"{invoice.PublicId}:attempt:1", charge.Key);
        Assert.Equal(("Coffee club", 2, 1_000L), (invoice.Lines[0].Description, invoice.Lines[0].Quantity, invoice.Lines[0].UnitAmount));
        var after = await SubscriptionAsync(database, shop, id);
        Assert.Equal((SubscriptionStatus.Active, 2, invoice.PeriodStart, invoice.PeriodEnd),
            (after.Status, after.CyclesPaid, after.CurrentPeriodStart, after.CurrentPeriodEnd));
        Assert.Equal(SubscriptionEventType.Renewed, Assert.Single(after.Events).Type);

        // Run again: not due any more, nothing billed.
        Assert.Equal(BillingResult.Skipped, (await RenewAsync(database, shop, id, gateway)).Result);
        Assert.Single(await InvoicesAsync(database, shop));
        Assert.Single(gateway.Charges);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_subscription_from_the_31st_renews_on_the_28th_of_February_and_the_31st_of_March(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id, gateway) = await SubscribedAsync(database, new DateTime(2027, 1, 31, 10, 0, 0, DateTimeKind.Utc));
        var february = new DateTime(2027, 2, 28, 10, 0, 0, DateTimeKind.Utc);
        var march = new DateTime(2027, 3, 31, 10, 0, 0, DateTimeKind.Utc);

        shop.Clock.UtcNow = february;
        Assert.Equal(BillingResult.Paid, (await RenewAsync(database, shop, id, gateway)).Result);
        shop.Clock.UtcNow = march;
        Assert.Equal(BillingResult.Paid, (await RenewAsync(database, shop, id, gateway)).Result);

        var invoices = await InvoicesAsync(database, shop);
        Assert.Equal([(february, march), (march, new DateTime(2027, 4, 30, 10, 0, 0, DateTimeKind.Utc))], invoices.Select(i => (i.PeriodStart, i.PeriodEnd)));
        Assert.Equal([1, 2], invoices.Select(i => i.Number));
        Assert.Equal(3, (await SubscriptionAsync(database, shop, id)).CyclesPaid);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_card_that_fails_on_charge_makes_the_subscription_past_due_with_a_retry_and_its_reason(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id, gateway) = await DueSubscriberAsync(database, "pm_card_chargeCustomerFail");
        var end = shop.Clock.Now;

        var outcome = await RenewAsync(database, shop, id, gateway);

        Assert.Equal(BillingResult.Declined, outcome.Result);
        var invoice = Assert.Single(await InvoicesAsync(database, shop));
        Assert.Equal((InvoiceStatus.Open, 1, "generic_decline", false), (invoice.Status, invoice.AttemptCount, invoice.LastDeclineCode, invoice.NewCardNeeded));
        Assert.InRange(invoice.NextAttemptAt!.Value, end.AddHours(1), end.AddDays(RetrySettings.DefaultMaxDays));
        Assert.Contains("soft decline", invoice.RetryReason);
        Assert.Equal(outcome.Detail, invoice.RetryReason);
        var subscription = await SubscriptionAsync(database, shop, id);
        Assert.Equal((SubscriptionStatus.PastDue, 1, end), (subscription.Status, subscription.CyclesPaid, subscription.CurrentPeriodEnd));
        var failed = Assert.Single(subscription.Events);
        Assert.Equal((SubscriptionEventType.PaymentFailed, "INV-000001: " + invoice.RetryReason), (failed.Type, failed.Detail));

        // The customer gives a working card; the retry, when due, pays the invoice and the subscription is active again.
        await UseCardAsync(database, shop, id, "pm_card_visa");
        await using (var db = database.CreateContext(shop.Tenant))
            Assert.Equal(BillingResult.Skipped, (await Collection(db, shop.Clock, gateway).CollectAsync(invoice.Id, default)).Result);
        shop.Clock.UtcNow = invoice.NextAttemptAt!.Value;
        await using (var db = database.CreateContext(shop.Tenant))
            Assert.Equal(BillingResult.Paid, (await Collection(db, shop.Clock, gateway).CollectAsync(invoice.Id, default)).Result);

        Assert.Equal([$"{invoice.PublicId}:attempt:1", $"{invoice.PublicId}:attempt:2"], gateway.Charges.Select(c => c.Key));
        var paid = Assert.Single(await InvoicesAsync(database, shop));
        Assert.Equal((InvoiceStatus.Paid, 2, (DateTime?)null), (paid.Status, paid.AttemptCount, paid.NextAttemptAt));
        var recovered = await SubscriptionAsync(database, shop, id);
        Assert.Equal((SubscriptionStatus.Active, 2, paid.PeriodEnd), (recovered.Status, recovered.CyclesPaid, recovered.CurrentPeriodEnd));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_hard_decline_is_not_retried_and_asks_for_a_new_card(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id, gateway) = await DueSubscriberAsync(database, "pm_card_chargeDeclinedExpiredCard");

        Assert.Equal(BillingResult.Declined, (await RenewAsync(database, shop, id, gateway)).Result);

        var invoice = Assert.Single(await InvoicesAsync(database, shop));
        Assert.Equal((InvoiceStatus.Open, (DateTime?)null, true, "expired_card"), (invoice.Status, invoice.NextAttemptAt, invoice.NewCardNeeded, invoice.LastDeclineCode));
        Assert.Contains("new card", invoice.RetryReason);
        var subscription = await SubscriptionAsync(database, shop, id);
        Assert.Equal((SubscriptionStatus.PastDue, SubscriptionEventType.NewCardNeeded), (subscription.Status, Assert.Single(subscription.Events).Type));

        shop.Clock.Advance(TimeSpan.FromDays(30));
        await using var db = database.CreateContext(shop.Tenant);
        Assert.Empty(await Core.Tenancy.AcrossTenants.DueInvoiceAttemptsAsync(db, shop.Clock.Now, null, 10, default));
        Assert.Equal(BillingResult.Skipped, (await Collection(db, shop.Clock, gateway).CollectAsync(invoice.Id, default)).Result);
        Assert.Single(gateway.Charges);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task After_the_last_retry_the_plan_cancels_and_the_invoice_is_uncollectible(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id, gateway) = await DueSubscriberAsync(database, "pm_card_chargeDeclinedInsufficientFunds");
        await using (var db = database.CreateContext(shop.Tenant))
        {
            var retry = RetrySettings.Default with { MaxRetries = 1, AfterLastRetry = AfterLastRetry.Cancel };
            db.Plans.Add(Plan.Create(shop.Price, new PlanFields("Club", PlanSettings.Default with { Retry = retry }), shop.Clock.Now));
            await db.SaveChangesAsync();
        }
        Assert.Equal(BillingResult.Declined, (await RenewAsync(database, shop, id, gateway)).Result);
        var invoice = Assert.Single(await InvoicesAsync(database, shop));
        shop.Clock.UtcNow = invoice.NextAttemptAt!.Value;

        await using (var db = database.CreateContext(shop.Tenant))
            Assert.Equal(BillingResult.Declined, (await Collection(db, shop.Clock, gateway).CollectAsync(invoice.Id, default)).Result);

        var last = Assert.Single(await InvoicesAsync(database, shop));
        Assert.Equal((InvoiceStatus.Uncollectible, 2, (DateTime?)null), (last.Status, last.AttemptCount, last.NextAttemptAt));
        Assert.Contains("next: cancel", last.RetryReason);
        var subscription = await SubscriptionAsync(database, shop, id);
        Assert.Equal((SubscriptionStatus.Canceled, shop.Clock.Now), (subscription.Status, subscription.EndedAt!.Value));
        Assert.Equal([SubscriptionEventType.PaymentFailed, SubscriptionEventType.RetriesExhausted],
            subscription.Events.OrderBy(e => e.CreatedAt).Select(e => e.Type));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_subscription_set_to_cancel_at_its_period_end_ends_without_an_invoice(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id, gateway) = await SubscribedAsync(database);
        await using (var db = database.CreateContext(shop.Tenant))
        {
            var change = new ChangeSubscriptionHandler(db, new ChangeSubscriptionValidator(), shop.Clock);
            Assert.True((await change.HandleAsync(new ChangeSubscription(id, SubscriptionAction.Cancel, AtPeriodEnd: true), default)).Succeeded);
        }
        var end = (await SubscriptionAsync(database, shop, id)).CurrentPeriodEnd;
        shop.Clock.UtcNow = end.AddMinutes(5);

        Assert.Equal(BillingResult.Ended, (await RenewAsync(database, shop, id, gateway)).Result);

        Assert.Empty(await InvoicesAsync(database, shop));
        Assert.Empty(gateway.Charges);
        var subscription = await SubscriptionAsync(database, shop, id);
        Assert.Equal((SubscriptionStatus.Canceled, end), (subscription.Status, subscription.EndedAt!.Value));
        Assert.Equal(SubscriptionEventType.Ended, subscription.Events.OrderBy(e => e.CreatedAt).Last().Type);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_renewal_is_taxed_at_the_rate_in_force_when_it_is_invoiced(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "club", Monthly, 1_000);
        var rate = await shop.AddRateAsync(new TaxRateFields("VAT", "GB", null, 20m, true));
        var id = await SubscribeAsync(database, shop, location: TaxLocation.Of("GB", null));
        await using (var db = database.CreateContext(shop.Tenant))
        {
            var tracked = await db.TaxRates.SingleAsync(r => r.Id == rate.Id);
            tracked.Update(new TaxRateFields("VAT", "GB", null, 25m, true), shop.Clock.Now);
            await db.SaveChangesAsync();
        }
        shop.Clock.UtcNow = (await SubscriptionAsync(database, shop, id)).CurrentPeriodEnd;

        Assert.Equal(BillingResult.Paid, (await RenewAsync(database, shop, id, new SimulatedGateway(shop.Clock))).Result);

        var invoice = Assert.Single(await InvoicesAsync(database, shop));
        // 25% included in 2000: 2000 × 0.25 / 1.25 = 400.
        Assert.Equal(("VAT", 250_000, true, 400L, 2_000L), (invoice.TaxName, invoice.TaxRatePpm!.Value, invoice.TaxInclusive, invoice.AmountTax, invoice.AmountTotal));
    }
}

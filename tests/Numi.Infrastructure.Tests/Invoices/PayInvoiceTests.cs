using Numi.Core.Catalog;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Core.Payments;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Invoices;

/// <summary>Paying an open invoice at once, on both providers: the next attempt is claimed and keyed like the retry job's,
/// so the two never both charge; paid, the subscription is active again; declined, the attempt is recorded and the
/// schedule goes on; a paid invoice or another organization's is refused.</summary>
public sealed class PayInvoiceTests
{
    private static PayInvoiceHandler Pay(NumiDbContext db, ControllableClock clock, IPaymentGateway gateway) => new(db, Collection(db, clock, gateway), clock);

    /// <summary>A subscriber whose renewal was declined (a card that fails every charge): past due, its invoice open with
    /// a retry planned.</summary>
    private static async Task<(CheckoutSteps Shop, Guid Subscription, Invoice Invoice, RecordingGateway Gateway)> PastDueAsync(TestDatabase database)
    {
        var (shop, id, gateway) = await DueSubscriberAsync(database, "pm_card_chargeCustomerFail");
        Assert.Equal(BillingResult.Declined, (await RenewAsync(database, shop, id, gateway)).Result);
        var invoice = Assert.Single(await InvoicesAsync(database, shop));
        Assert.Equal(SubscriptionStatus.PastDue, (await SubscriptionAsync(database, shop, id)).Status);
        return (shop, id, invoice, gateway);
    }

    /// <summary>A past-due subscriber who has given a working card, at the time of the planned retry, with a processor
    /// that holds each charge until the test releases it.</summary>
    private static async Task<(CheckoutSteps Shop, Guid Subscription, Invoice Invoice, RecordingGateway Recording, HeldGateway Held)>
        RetryDueWithNewCardAsync(TestDatabase database)
    {
        var (shop, id, open, recording) = await PastDueAsync(database);
        await UseCardAsync(database, shop, id, "pm_card_visa");
        shop.Clock.UtcNow = open.NextAttemptAt!.Value;
        return (shop, id, open, recording, new HeldGateway(recording));
    }

    private static async Task<Result<Invoice>> PayAsync(TestDatabase database, ITenantContext tenant, CheckoutSteps shop, Guid invoiceId,
        IPaymentGateway gateway)
    {
        await using var db = database.CreateContext(tenant);
        return await Pay(db, shop.Clock, gateway).HandleAsync(new PayInvoice(invoiceId), default);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Paying_a_past_due_invoice_now_charges_the_next_attempt_and_makes_the_subscription_active(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id, open, gateway) = await PastDueAsync(database);
        Assert.True(open.NextAttemptAt > shop.Clock.Now);
        await UseCardAsync(database, shop, id, "pm_card_visa");

        var paid = await PayAsync(database, shop.Tenant, shop, open.Id, gateway);

        Assert.True(paid.Succeeded, paid.Succeeded ? "" : paid.FirstError.Message);
        Assert.Equal((InvoiceStatus.Paid, 2, (DateTime?)null, open.AmountTotal), (paid.Value.Status, paid.Value.AttemptCount, paid.Value.NextAttemptAt, paid.Value.AmountPaid));
        Assert.Equal([$"{open.PublicId}:attempt:1", $"{open.PublicId}:attempt:2"], gateway.Charges.Select(c => c.Key));
        var subscription = await SubscriptionAsync(database, shop, id);
        Assert.Equal((SubscriptionStatus.Active, 2, open.PeriodEnd), (subscription.Status, subscription.CyclesPaid, subscription.CurrentPeriodEnd));
        var renewed = subscription.Events.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Last();
        Assert.Equal((SubscriptionEventType.Renewed, SubscriptionStatus.PastDue, SubscriptionStatus.Active, "INV-000001 paid"),
            (renewed.Type, renewed.FromStatus, renewed.ToStatus, renewed.Detail));

        // Its retries stop: the retry job finds nothing to do when the planned time comes.
        shop.Clock.UtcNow = open.NextAttemptAt!.Value;
        await using (var db = database.CreateContext(shop.Tenant))
            Assert.Equal(BillingResult.Skipped, (await Collection(db, shop.Clock, gateway).CollectAsync(open.Id, default)).Result);
        Assert.Equal(2, gateway.Charges.Count);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_declined_payment_now_is_recorded_with_its_reason_and_the_schedule_goes_on(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id, open, gateway) = await PastDueAsync(database);
        shop.Clock.Advance(TimeSpan.FromMinutes(5));

        var declined = await PayAsync(database, shop.Tenant, shop, open.Id, gateway);

        Assert.False(declined.Succeeded);
        Assert.Equal((ErrorCodes.CardDeclined, "generic_decline", "payment_method"),
            (declined.FirstError.Code, declined.FirstError.DeclineCode, declined.FirstError.Param));
        var invoice = Assert.Single(await InvoicesAsync(database, shop));
        Assert.Equal((InvoiceStatus.Open, 2, shop.Clock.Now, "generic_decline"), (invoice.Status, invoice.AttemptCount, invoice.LastAttemptAt, invoice.LastDeclineCode));
        Assert.True(invoice.NextAttemptAt > shop.Clock.Now);
        Assert.Contains("soft decline", invoice.RetryReason);
        Assert.Contains(invoice.RetryReason!, declined.FirstError.Message);
        var subscription = await SubscriptionAsync(database, shop, id);
        Assert.Equal(SubscriptionStatus.PastDue, subscription.Status);
        Assert.Equal(2, subscription.Events.Count(e => e.Type == SubscriptionEventType.PaymentFailed));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_paid_invoice_is_refused_and_another_organization_cannot_find_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id, open, gateway) = await PastDueAsync(database);
        var other = await CheckoutSteps.NewShopAsync(database, "other", PriceSchedule.Every(PriceInterval.Month), 500);

        var stranger = await PayAsync(database, other.Tenant, shop, open.Id, gateway);
        await UseCardAsync(database, shop, id, "pm_card_visa");
        Assert.True((await PayAsync(database, shop.Tenant, shop, open.Id, gateway)).Succeeded);
        var again = await PayAsync(database, shop.Tenant, shop, open.Id, gateway);

        Assert.Equal(ErrorCodes.ResourceMissing, stranger.FirstError.Code);
        Assert.Equal((ErrorCodes.StateConflict, "INV-000001 is already paid."), (again.FirstError.Code, again.FirstError.Message));
        Assert.Equal(2, gateway.Charges.Count);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Paying_now_while_the_retry_job_is_charging_the_invoice_is_refused_and_the_customer_is_charged_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id, open, recording, held) = await RetryDueWithNewCardAsync(database);

        var retry = Task.Run(async () =>
        {
            await using var db = database.CreateContext(shop.Tenant);
            return await Collection(db, shop.Clock, held).CollectAsync(open.Id, default);
        });
        await held.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var payNow = await PayAsync(database, shop.Tenant, shop, open.Id, held);
        held.Release.TrySetResult();

        Assert.Equal(BillingResult.Paid, (await retry).Result);
        Assert.Equal(ErrorCodes.StateConflict, payNow.FirstError.Code);
        Assert.Contains("in progress", payNow.FirstError.Message);
        Assert.Equal((1, 1), (held.Calls, recording.Payments));
        Assert.Equal(InvoiceStatus.Paid, Assert.Single(await InvoicesAsync(database, shop)).Status);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_retry_job_skips_an_invoice_being_paid_now_and_the_customer_is_charged_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id, open, recording, held) = await RetryDueWithNewCardAsync(database);

        var payNow = Task.Run(() => PayAsync(database, shop.Tenant, shop, open.Id, held));
        await held.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        BillingOutcome retry;
        await using (var db = database.CreateContext(shop.Tenant))
            retry = await Collection(db, shop.Clock, held).CollectAsync(open.Id, default);
        held.Release.TrySetResult();

        Assert.True((await payNow).Succeeded);
        Assert.Equal(BillingResult.Skipped, retry.Result);
        Assert.Equal((1, 1), (held.Calls, recording.Payments));
        var subscription = await SubscriptionAsync(database, shop, id);
        Assert.Equal((SubscriptionStatus.Active, 2), (subscription.Status, subscription.CyclesPaid));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_new_card_then_paying_the_open_invoices_recovers_the_subscription(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id, open, gateway) = await PastDueAsync(database);

        await using (var db = database.CreateContext(shop.Tenant))
        {
            var card = new CardDetails("4242 4242 4242 4242", 12, shop.Clock.Now.Year + 2, "123");
            var saved = await new ChangeSubscriptionCardHandler(db, new ChangeSubscriptionCardValidator(), gateway, shop.Clock)
                .HandleAsync(new ChangeSubscriptionCard(id, null, card), default);
            Assert.True(saved.Succeeded, saved.Succeeded ? "" : saved.FirstError.Message);
            var paid = await new PayOpenInvoicesHandler(db, Pay(db, shop.Clock, gateway)).HandleAsync(new PayOpenInvoices(id), default);
            Assert.Equal([open.Id], paid.Value.Select(i => i.Id));
        }

        Assert.Equal(InvoiceStatus.Paid, Assert.Single(await InvoicesAsync(database, shop)).Status);
        var subscription = await SubscriptionAsync(database, shop, id);
        Assert.Equal((SubscriptionStatus.Active, "pm_card_visa"), (subscription.Status, subscription.PaymentMethod));
    }
}

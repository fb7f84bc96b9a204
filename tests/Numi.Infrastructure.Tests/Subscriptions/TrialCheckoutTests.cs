using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Dunning;
using Numi.Core.Invoices;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Invoices;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Subscriptions;

/// <summary>A checkout of a plan with trial days, on both providers and the simulated processor: the card is kept and
/// nothing charged, the subscription trials, and the renewal job charges the first paid period at the trial's end.</summary>
public sealed class TrialCheckoutTests
{
    private static async Task<CheckoutSteps> TrialShopAsync(TestDatabase database, int trialDays, DateTime now, RetrySettings? retry = null)
    {
        var shop = await CheckoutSteps.NewShopAsync(database, "club", PriceSchedule.Every(PriceInterval.Month), 1_000);
        shop.Clock.UtcNow = now;
        await using var db = database.CreateContext(shop.Tenant);
        var settings = PlanSettings.Default with { TrialDays = trialDays, Retry = retry ?? RetrySettings.Default };
        db.Plans.Add(Plan.Create(shop.Price, new PlanFields("Club", settings), now));
        await db.SaveChangesAsync();
        return shop;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_trial_charges_nothing_at_checkout_and_its_end_on_the_31st_is_the_first_paid_period(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var start = new DateTime(2027, 1, 17, 10, 0, 0, DateTimeKind.Utc);
        var shop = await TrialShopAsync(database, 14, start);
        var gateway = new RecordingGateway(new Payments.SimulatedGateway(shop.Clock));

        var order = await shop.ConfirmAsync((await shop.StartAsync(quantity: 2)).Id, "ann@example.com", gateway: gateway);

        Assert.True(order.Succeeded, order.Succeeded ? "" : order.FirstError.Message);
        Assert.Empty(gateway.Charges);
        Assert.Equal((0L, 0L), (order.Value.AmountSubtotal, order.Value.AmountTotal));
        Assert.StartsWith("seti_", order.Value.PaymentIntentId);
        Assert.Equal(0L, Assert.Single(order.Value.Lines).Amount);
        Guid id;
        await using (var db = database.CreateContext(shop.Tenant))
            id = await db.Subscriptions.Where(s => s.OrderId == order.Value.Id).Select(s => s.Id).SingleAsync();
        var trialing = await SubscriptionAsync(database, shop, id);
        var trialEnd = new DateTime(2027, 1, 31, 10, 0, 0, DateTimeKind.Utc);
        Assert.Equal((SubscriptionStatus.Trialing, 2_000L, 0, start, trialEnd, "pm_card_visa"),
            (trialing.Status, trialing.Amount, trialing.CyclesPaid, trialing.CurrentPeriodStart, trialing.CurrentPeriodEnd, trialing.PaymentMethod));

        shop.Clock.UtcNow = trialEnd.AddSeconds(-1);
        Assert.Equal(BillingResult.Skipped, (await RenewAsync(database, shop, id, gateway)).Result);
        shop.Clock.UtcNow = trialEnd;
        Assert.Equal(BillingResult.Paid, (await RenewAsync(database, shop, id, gateway)).Result);

        var first = Assert.Single(await InvoicesAsync(database, shop));
        Assert.Equal((1, trialEnd, new DateTime(2027, 2, 28, 10, 0, 0, DateTimeKind.Utc), 2_000L, InvoiceStatus.Paid),
            (first.Cycle, first.PeriodStart, first.PeriodEnd, first.AmountTotal, first.Status));
        Assert.Equal(2_000L, Assert.Single(gateway.Charges).Outcome.Amount);
        var active = await SubscriptionAsync(database, shop, id);
        Assert.Equal((SubscriptionStatus.Active, 1), (active.Status, active.CyclesPaid));

        shop.Clock.UtcNow = active.CurrentPeriodEnd;
        Assert.Equal(BillingResult.Paid, (await RenewAsync(database, shop, id, gateway)).Result);
        Assert.Equal(new DateTime(2027, 3, 31, 10, 0, 0, DateTimeKind.Utc), (await SubscriptionAsync(database, shop, id)).CurrentPeriodEnd);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_trial_whose_first_charge_fails_is_past_due_with_its_retry_inside_the_plans_window(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        // The trial ends at 14:00 in Chicago (20:00 UTC), inside the plan's 09:00 to 17:00 window.
        var start = new DateTime(2027, 3, 1, 20, 0, 0, DateTimeKind.Utc);
        var retry = RetrySettings.Default with { TimeZone = "America/Chicago", WindowStartHour = 9, WindowEndHour = 17 };
        var shop = await TrialShopAsync(database, 7, start, retry);
        var id = await SubscribeAsync(database, shop);
        await UseCardAsync(database, shop, id, "pm_card_chargeCustomerFail");
        var gateway = new RecordingGateway(new Payments.SimulatedGateway(shop.Clock));
        shop.Clock.UtcNow = (await SubscriptionAsync(database, shop, id)).CurrentPeriodEnd;

        Assert.Equal(BillingResult.Declined, (await RenewAsync(database, shop, id, gateway)).Result);

        var subscription = await SubscriptionAsync(database, shop, id);
        Assert.Equal(SubscriptionStatus.PastDue, subscription.Status);
        Assert.Equal((SubscriptionStatus.Trialing, SubscriptionStatus.PastDue),
            subscription.Events.Where(e => e.Type == SubscriptionEventType.PaymentFailed).Select(e => (e.FromStatus, e.ToStatus)).Single());
        var invoice = Assert.Single(await InvoicesAsync(database, shop));
        Assert.Equal((InvoiceStatus.Open, 1, 1), (invoice.Status, invoice.AttemptCount, invoice.Cycle));
        var next = invoice.NextAttemptAt!.Value;
        var local = TimeZoneInfo.ConvertTimeFromUtc(next, TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));
        Assert.True(next > shop.Clock.Now && next <= shop.Clock.Now.AddDays(retry.MaxDays), $"next attempt {next:O}");
        Assert.InRange(local.Hour, 9, 17);
        Assert.Contains("America/Chicago", invoice.RetryReason);
    }
}

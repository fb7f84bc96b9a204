using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Invoices;

/// <summary>The two billing jobs wired as the app wires them (each item in its own scope with its organization
/// entered, the organization's processor resolved there), over two organizations, on both providers: each run writes
/// one job_runs row with its counts and its failures' reasons.</summary>
public sealed class BillingJobsTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_jobs_renew_and_retry_every_organizations_due_subscriptions_and_record_each_run(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var monthly = PriceSchedule.Every(PriceInterval.Month);
        var paying = await CheckoutSteps.NewShopAsync(database, "paying", monthly, 1_000);
        var failing = await CheckoutSteps.NewShopAsync(database, "failing", monthly, 700);
        var paid = await SubscribeAsync(database, paying);
        var declined = await SubscribeAsync(database, failing);
        var notYetDue = await SubscribeAsync(database, failing);
        await UseCardAsync(database, failing, declined, "pm_card_chargeCustomerFail");
        var clock = paying.Clock;
        clock.UtcNow = (await SubscriptionAsync(database, failing, declined)).CurrentPeriodEnd;
        await using (var db = database.CreateContext(failing.Tenant))
            await db.Subscriptions.Where(s => s.Id == notYetDue).ExecuteUpdateAsync(u => u.SetProperty(s => s.CurrentPeriodEnd, clock.Now.AddDays(1)));
        await using var services = BillingJobHost.Services(database, clock);

        var renewal = await BillingJobHost.RunAsync(services, RenewSubscriptionsJob.Spec.RunOnceAsync);

        Assert.Equal(("renew-subscriptions", 2, 1, 1, 0), (renewal.JobName, renewal.Examined, renewal.Succeeded, renewal.Failed, renewal.Skipped));
        Assert.NotEmpty(renewal.Node);
        Assert.Equal(clock.Now, renewal.FinishedAt);
        var failure = Assert.Single(JsonDocument.Parse(renewal.Failures).RootElement.EnumerateArray());
        Assert.Equal(PublicId.Format(IdPrefixes.Subscription, declined), failure.GetProperty("id").GetString());
        Assert.Contains("soft decline", failure.GetProperty("reason").GetString());
        Assert.Equal(SubscriptionStatus.Active, (await SubscriptionAsync(database, paying, paid)).Status);
        Assert.Equal(SubscriptionStatus.PastDue, (await SubscriptionAsync(database, failing, declined)).Status);
        var open = Assert.Single(await InvoicesAsync(database, failing));
        Assert.Equal(paid, Assert.Single(await InvoicesAsync(database, paying)).SubscriptionId);

        // Nothing is due for the retry job until the invoice's retry time; then it tries once more (and fails again).
        var early = await BillingJobHost.RunAsync(services, RetryInvoicePaymentsJob.Spec.RunOnceAsync);
        Assert.Equal(0, early.Examined);
        clock.UtcNow = open.NextAttemptAt!.Value;
        var retry = await BillingJobHost.RunAsync(services, RetryInvoicePaymentsJob.Spec.RunOnceAsync);

        Assert.Equal(("retry-invoice-payments", 1, 0, 1), (retry.JobName, retry.Examined, retry.Succeeded, retry.Failed));
        Assert.Contains(open.PublicId, retry.Failures);
        Assert.Equal(2, Assert.Single(await InvoicesAsync(database, failing)).AttemptCount);
        await using var read = database.CreateContext();
        Assert.Equal(["renew-subscriptions", "retry-invoice-payments", "retry-invoice-payments"],
            await read.JobRuns.AsNoTracking().OrderBy(r => r.StartedAt).ThenBy(r => r.Id).Select(r => r.JobName).ToListAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_renewal_runs_at_once_charge_each_due_subscription_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, _) = await DueSubscribersAsync(database, 5);
        await using var services = BillingJobHost.Services(database, shop.Clock);

        var runs = await Task.WhenAll(
            Task.Run(() => BillingJobHost.RunAsync(services, RenewSubscriptionsJob.Spec.RunOnceAsync)),
            Task.Run(() => BillingJobHost.RunAsync(services, RenewSubscriptionsJob.Spec.RunOnceAsync)));

        Assert.Equal(5, runs.Sum(r => r.Succeeded));
        Assert.All(runs, r => Assert.Equal(0, r.Failed));
        var invoices = await InvoicesAsync(database, shop);
        Assert.Equal([1, 2, 3, 4, 5], invoices.Select(i => i.Number));
        Assert.All(invoices, i => Assert.Equal((InvoiceStatus.Paid, 1), (i.Status, i.AttemptCount)));
        Assert.Equal(5, invoices.Select(i => i.PaymentIntentId).Distinct().Count());
        await using var db = database.CreateContext(shop.Tenant);
        Assert.All(await db.Subscriptions.AsNoTracking().ToListAsync(), s => Assert.Equal(2, s.CyclesPaid));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_retry_runs_at_once_charge_each_due_invoice_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, ids) = await DueSubscribersAsync(database, 5);
        foreach (var id in ids) await UseCardAsync(database, shop, id, "pm_card_chargeCustomerFail");
        // Charges are held a moment, so the second run reaches an invoice while the first is still charging it.
        var gateway = new RecordingGateway(new SlowGateway(new Payments.SimulatedGateway(shop.Clock)));
        await using var services = BillingJobHost.Services(database, shop.Clock, BillingJobHost.Charging(gateway));
        await BillingJobHost.RunAsync(services, RenewSubscriptionsJob.Spec.RunOnceAsync);
        var open = await InvoicesAsync(database, shop);
        Assert.Equal(5, open.Count);
        Assert.All(open, i => Assert.Equal((InvoiceStatus.Open, 1), (i.Status, i.AttemptCount)));
        foreach (var id in ids) await UseCardAsync(database, shop, id, "pm_card_visa");
        shop.Clock.UtcNow = open.Max(i => i.NextAttemptAt!.Value);

        var runs = await Task.WhenAll(
            Task.Run(() => BillingJobHost.RunAsync(services, RetryInvoicePaymentsJob.Spec.RunOnceAsync)),
            Task.Run(() => BillingJobHost.RunAsync(services, RetryInvoicePaymentsJob.Spec.RunOnceAsync)));

        Assert.Equal(5, runs.Sum(r => r.Succeeded));
        Assert.All(runs, r => Assert.Equal(0, r.Failed));
        var invoices = await InvoicesAsync(database, shop);
        Assert.All(invoices, i => Assert.Equal((InvoiceStatus.Paid, 2), (i.Status, i.AttemptCount)));
        // Each due attempt went to the processor exactly once, under its own key.
        var retries = gateway.Charges.Where(c => c.Key.EndsWith(":attempt:2", StringComparison.Ordinal)).Select(c => c.Key).ToList();
        Assert.Equal(invoices.Select(i => $"{i.PublicId}:attempt:2").Order(), retries.Order());
        Assert.Equal(5, invoices.Select(i => i.PaymentIntentId).Distinct().Count());
        await using var db = database.CreateContext(shop.Tenant);
        var subscriptions = await db.Subscriptions.AsNoTracking().Include(s => s.Events).ToListAsync();
        Assert.All(subscriptions, s => Assert.Equal((SubscriptionStatus.Active, 2, 1),
            (s.Status, s.CyclesPaid, s.Events.Count(e => e.Type == SubscriptionEventType.Renewed))));
    }
}

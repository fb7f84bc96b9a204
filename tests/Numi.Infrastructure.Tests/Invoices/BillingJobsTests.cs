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
    private static async Task<Core.Jobs.JobRun> RunAsync(ServiceProvider services, Func<BillingSweep, CancellationToken, Task<Core.Jobs.JobRun>> job)
    {
        await using var scope = services.CreateAsyncScope();
        return await job(scope.ServiceProvider.GetRequiredService<BillingSweep>(), default);
    }

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
        await using var services = JobServices.Build(database, clock);

        var renewal = await RunAsync(services, RenewSubscriptionsJob.Spec.RunOnceAsync);

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
        var early = await RunAsync(services, RetryInvoicePaymentsJob.Spec.RunOnceAsync);
        Assert.Equal(0, early.Examined);
        clock.UtcNow = open.NextAttemptAt!.Value;
        var retry = await RunAsync(services, RetryInvoicePaymentsJob.Spec.RunOnceAsync);

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
        var shop = await CheckoutSteps.NewShopAsync(database, "club", PriceSchedule.Every(PriceInterval.Month), 1_000);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add(await SubscribeAsync(database, shop, quantity: 1));
        shop.Clock.UtcNow = (await SubscriptionAsync(database, shop, ids[^1])).CurrentPeriodEnd;
        await using var services = JobServices.Build(database, shop.Clock);

        var runs = await Task.WhenAll(
            Task.Run(() => RunAsync(services, RenewSubscriptionsJob.Spec.RunOnceAsync)),
            Task.Run(() => RunAsync(services, RenewSubscriptionsJob.Spec.RunOnceAsync)));

        Assert.Equal(5, runs.Sum(r => r.Succeeded));
        Assert.All(runs, r => Assert.Equal(0, r.Failed));
        var invoices = await InvoicesAsync(database, shop);
        Assert.Equal([1, 2, 3, 4, 5], invoices.Select(i => i.Number));
        Assert.All(invoices, i => Assert.Equal((InvoiceStatus.Paid, 1), (i.Status, i.AttemptCount)));
        Assert.Equal(5, invoices.Select(i => i.PaymentIntentId).Distinct().Count());
        await using var db = database.CreateContext(shop.Tenant);
        Assert.All(await db.Subscriptions.AsNoTracking().ToListAsync(), s => Assert.Equal(2, s.CyclesPaid));
    }
}

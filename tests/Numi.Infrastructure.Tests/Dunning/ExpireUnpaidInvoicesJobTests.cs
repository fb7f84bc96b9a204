using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Dunning;
using Numi.Core.Invoices;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Invoices;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Dunning.DunningSteps;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Dunning;

/// <summary>The unpaid-invoice expiry with a controlled clock, on both providers: an open invoice no attempt will
/// collect becomes uncollectible only once the plan's maximum days have passed; a subscription still past due takes the
/// plan's action then, one that took it at the last retry keeps it; the timeline says so, once.</summary>
public sealed class ExpireUnpaidInvoicesJobTests
{
    private static Task<Core.Jobs.JobRun> RunAsync(ServiceProvider services) => BillingJobHost.RunAsync(services, ExpireUnpaidInvoicesJob.Spec.RunOnceAsync);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_hard_declined_invoice_expires_after_the_plans_maximum_days_and_the_plan_cancels(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await ShopAsync(database, retry: RetrySettings.Default with { MaxDays = 5, AfterLastRetry = AfterLastRetry.Cancel });
        var (subscription, invoice) = await FailedRenewalAsync(database, shop, "pm_card_chargeDeclinedExpiredCard");
        Assert.True(invoice.NewCardNeeded);
        await using var services = BillingJobHost.Services(database, shop.Clock);

        shop.Clock.UtcNow = invoice.FirstFailedAt!.Value.AddDays(5).AddMinutes(-1);
        var early = await RunAsync(services);
        Assert.Equal(("expire-unpaid-invoices", 1, 0, 1), (early.JobName, early.Examined, early.Succeeded, early.Skipped));
        Assert.Equal(InvoiceStatus.Open, (await InvoiceAsync(database, shop, subscription)).Status);

        shop.Clock.UtcNow = invoice.FirstFailedAt!.Value.AddDays(5);
        Assert.Equal(1, (await RunAsync(services)).Succeeded);

        Assert.Equal(InvoiceStatus.Uncollectible, (await InvoiceAsync(database, shop, subscription)).Status);
        var canceled = await SubscriptionAsync(database, shop, subscription);
        Assert.Equal((SubscriptionStatus.Canceled, shop.Clock.Now), (canceled.Status, canceled.EndedAt));
        var last = canceled.Events.OrderBy(e => e.CreatedAt).Last();
        Assert.Equal((SubscriptionEventType.InvoiceUncollectible, SubscriptionStatus.PastDue, "INV-000001: uncollectible after 5 days unpaid, cancel"),
            (last.Type, last.FromStatus, last.Detail));
        Assert.Equal(0, (await RunAsync(services)).Examined);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_subscription_paused_at_the_last_retry_stays_paused_when_its_invoice_expires(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await ShopAsync(database, retry: RetrySettings.Default with { MaxRetries = 1, MaxDays = 7, AfterLastRetry = AfterLastRetry.Pause });
        var (subscription, invoice) = await FailedRenewalAsync(database, shop, "pm_card_chargeDeclinedInsufficientFunds");
        shop.Clock.UtcNow = invoice.NextAttemptAt!.Value;
        await using (var db = database.CreateContext(shop.Tenant))
            Assert.Equal(BillingResult.Declined, (await Collection(db, shop.Clock, new Payments.SimulatedGateway(shop.Clock)).CollectAsync(invoice.Id, default)).Result);
        Assert.Equal(SubscriptionStatus.Paused, (await SubscriptionAsync(database, shop, subscription)).Status);
        await using var services = BillingJobHost.Services(database, shop.Clock);

        shop.Clock.UtcNow = invoice.FirstFailedAt!.Value.AddDays(7);
        Assert.Equal(1, (await RunAsync(services)).Succeeded);

        Assert.Equal(InvoiceStatus.Uncollectible, (await InvoiceAsync(database, shop, subscription)).Status);
        var paused = await SubscriptionAsync(database, shop, subscription);
        Assert.Equal(SubscriptionStatus.Paused, paused.Status);
        Assert.Equal([SubscriptionEventType.PaymentFailed, SubscriptionEventType.RetriesExhausted, SubscriptionEventType.InvoiceUncollectible],
            paused.Events.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Select(e => e.Type));
        Assert.Equal("INV-000001: uncollectible after 7 days unpaid", paused.Events.Single(e => e.Type == SubscriptionEventType.InvoiceUncollectible).Detail);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_runs_at_once_expire_an_invoice_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await ShopAsync(database, retry: RetrySettings.Default with { MaxDays = 3, AfterLastRetry = AfterLastRetry.ManualReview });
        var (subscription, invoice) = await FailedRenewalAsync(database, shop, "pm_card_chargeDeclinedExpiredCard");
        shop.Clock.UtcNow = invoice.FirstFailedAt!.Value.AddDays(3);
        await using var services = BillingJobHost.Services(database, shop.Clock);

        var runs = await Task.WhenAll(Task.Run(() => RunAsync(services)), Task.Run(() => RunAsync(services)));

        Assert.Equal(1, runs.Sum(r => r.Succeeded));
        Assert.All(runs, r => Assert.Equal(0, r.Failed));
        var unpaid = await SubscriptionAsync(database, shop, subscription);
        Assert.Equal(SubscriptionStatus.Unpaid, unpaid.Status);
        Assert.Single(unpaid.Events, e => e.Type == SubscriptionEventType.InvoiceUncollectible);
    }
}

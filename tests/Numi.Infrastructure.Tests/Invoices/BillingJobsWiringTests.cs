using Microsoft.Extensions.DependencyInjection;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using Quartz;

namespace Numi.Infrastructure.Tests.Invoices;

/// <summary>The app's Quartz setup schedules the billing jobs (renewals, retries, receipts) at their intervals. Renewals
/// and retries have two triggers and may run twice at once (on one node or two), the runs splitting the due items
/// (BillingSweep); receipts never run twice at once.</summary>
public sealed class BillingJobsWiringTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Renewals_run_every_five_minutes_and_retries_and_receipts_every_minute(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var sp = InfrastructureServices.Build(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Numi"] = database.ConnectionString,
            ["Numi:DataDirectory"] = database.DataDirectory,
            ["Numi:Jobs:Enabled"] = "false",
        });
        await sp.MigrateNumiDatabaseAsync();
        var scheduler = await sp.GetRequiredService<ISchedulerFactory>().GetScheduler();

        foreach (var (key, every, runners) in new[]
                 {
                     (RenewSubscriptionsJob.Key, TimeSpan.FromMinutes(5), 2), (RetryInvoicePaymentsJob.Key, TimeSpan.FromMinutes(1), 2),
                     (SendInvoiceReceiptsJob.Key, TimeSpan.FromMinutes(1), 1),
                 })
        {
            var detail = await scheduler.GetJobDetail(key);
            Assert.NotNull(detail);
            Assert.True(detail.ConcurrentExecutionDisallowed == (runners == 1), $"{key}: at most one run at a time is {detail.ConcurrentExecutionDisallowed}");
            var triggers = await scheduler.GetTriggersOfJob(key);
            Assert.Equal(runners, triggers.Count);
            Assert.All(triggers, t => Assert.Equal(every, Assert.IsAssignableFrom<ISimpleTrigger>(t).RepeatInterval));
        }
    }
}

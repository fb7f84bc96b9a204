using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Email;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using Quartz;

namespace Numi.Infrastructure.Tests.Jobs;

/// <summary>The real wiring: AddInfrastructure's Quartz store in Numi's own database (clustered on PostgreSQL)
/// runs DeliverOutboxJob, which sends a pending message.</summary>
public sealed class QuartzWiringTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_scheduler_delivers_a_pending_outbox_message(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var sp = InfrastructureServices.Build(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Numi"] = database.ConnectionString,
            ["Numi:DataDirectory"] = database.DataDirectory,
            ["Numi:Jobs:OutboxInterval"] = "00:00:01",
            ["Numi:Jobs:Enabled"] = "false",
        });
        await sp.MigrateNumiDatabaseAsync();

        var message = OutboxMessage.Create(
            new EmailMessage("ada@example.com", "Delivered by Quartz", "text", "<p>html</p>"), null, DateTime.UtcNow.AddSeconds(-1));
        await using (var db = database.CreateContext())
        {
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
        }

        var scheduler = await sp.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.True(await scheduler.Exists(DeliverOutboxJob.Key));
        Assert.True(await scheduler.Exists(PurgeExpiredRecordsJob.Key));
        Assert.True(await scheduler.Exists(ProcessWebhookEventsJob.Key));
        // Two runs of each billing job may go at once (on one node or two): a trigger each.
        Assert.Equal(2, (await scheduler.GetTriggersOfJob(RenewSubscriptionsJob.Key)).Count);
        Assert.Equal(2, (await scheduler.GetTriggersOfJob(RetryInvoicePaymentsJob.Key)).Count);
        await scheduler.Start();
        OutboxStatus status;
        try
        {
            var deadline = DateTime.UtcNow + Deadline;
            do
            {
                await Task.Delay(200);
                await using var db = database.CreateContext();
                status = (await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id)).Status;
            } while (status != OutboxStatus.Sent && DateTime.UtcNow < deadline);
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: true);
        }

        Assert.True(status == OutboxStatus.Sent, $"The outbox message was still {status} after {Deadline.TotalSeconds} s.");
        Assert.Single(Directory.GetFiles(Path.Combine(database.DataDirectory, "mail"), "*.eml"));
    }
}

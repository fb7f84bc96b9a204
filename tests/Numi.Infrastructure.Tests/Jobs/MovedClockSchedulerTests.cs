using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Numi.Core.Clocks;
using Numi.Core.Email;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using Quartz;

namespace Numi.Infrastructure.Tests.Jobs;

/// <summary>An admin moves Numi's clock a month while the scheduler runs: Quartz stays on real time (its triggers keep
/// firing every second), while the jobs it runs read Numi's moved time.</summary>
public sealed class MovedClockSchedulerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_outbox_job_keeps_firing_after_the_clock_moves_a_month()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var sp = InfrastructureServices.Build(new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
            ["ConnectionStrings:Numi"] = database.ConnectionString,
            ["Numi:DataDirectory"] = database.DataDirectory,
            ["Numi:Jobs:OutboxInterval"] = "00:00:01",
            ["Numi:Jobs:Enabled"] = "false",
        }, services => services.Replace(ServiceDescriptor.Singleton(new ControllableClock(TimeProvider.System, controllable: true))));
        await sp.MigrateNumiDatabaseAsync();
        var clock = sp.GetRequiredService<ControllableClock>();
        Assert.NotSame(clock, sp.GetRequiredService<TimeProvider>());

        var scheduler = await sp.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Start();
        try
        {
            Assert.True(await SentAsync(database, await QueueAsync(database, clock)), "The first message was not sent.");

            clock.UseOffset(TimeSpan.FromDays(31));
            // Due only on Numi's moved time: sent only if the job still fires and reads that time.
            var second = await QueueAsync(database, clock);
            Assert.True(await SentAsync(database, second), "After the move the outbox job stopped firing (or read real time).");

            var trigger = await scheduler.GetTrigger(new TriggerKey(DeliverOutboxJob.Key.Name + "-trigger", DeliverOutboxJob.Key.Group));
            Assert.InRange(trigger!.NextFireTimeUtc!.Value - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(-5), TimeSpan.FromSeconds(5));
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: true);
        }
    }

    private static async Task<Guid> QueueAsync(TestDatabase database, ControllableClock clock)
    {
        var message = OutboxMessage.Create(new EmailMessage("ada@example.com", "Renewal", "text", "<p>html</p>"), null,
            clock.GetUtcNow().UtcDateTime.AddSeconds(-1));
        await using var db = database.CreateContext();
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    private static async Task<bool> SentAsync(TestDatabase database, Guid id)
    {
        var deadline = DateTime.UtcNow + Deadline;
        do
        {
            await Task.Delay(200);
            await using var db = database.CreateContext();
            if ((await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id)).Status == OutboxStatus.Sent) return true;
        } while (DateTime.UtcNow < deadline);
        return false;
    }
}

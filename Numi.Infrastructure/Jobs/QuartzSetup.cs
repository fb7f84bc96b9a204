using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Numi.Infrastructure.Persistence;
using Quartz;

namespace Numi.Infrastructure.Jobs;

internal static class QuartzSetup
{
    /// <summary>Quartz keeps its store in Numi's own database; on PostgreSQL and SQL Server it runs clustered so
    /// several web nodes share the work and each trigger fires on exactly one of them.</summary>
    public static void AddNumiJobs(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        var options = configuration.GetSection("Numi:Jobs").Get<JobOptions>() ?? new JobOptions();
        services.AddTransient<PurgeExpiredRecordsJob>();
        services.AddTransient<DeliverOutboxJob>();
        services.AddTransient<ExpireCheckoutSessionsJob>();
        services.AddTransient<ProcessWebhookEventsJob>();
        services.AddScoped<BillingSweep>();
        services.AddTransient<RenewSubscriptionsJob>();
        services.AddTransient<RetryInvoicePaymentsJob>();
        services.AddTransient<SendDunningMessagesJob>();
        services.AddTransient<ExpireUnpaidInvoicesJob>();
        services.AddTransient<SendInvoiceReceiptsJob>();
        services.AddTransient<AnalysePaymentPatternsJob>();
        services.AddTransient<RemindTrialEndingJob>();
        services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                switch (database.Provider)
                {
                    case DatabaseProvider.Postgres:
                        store.UsePostgres(database.ConnectionString);
                        store.UseClustering(_ => { });
                        break;
                    case DatabaseProvider.SqlServer:
                        // The factory overload: Quartz asks SqlClient for connections instead of naming its types.
                        store.UseSqlServer(Microsoft.Data.SqlClient.SqlClientFactory.Instance, database.ConnectionString);
                        store.UseClustering(_ => { });
                        break;
                    default:
                        store.UseSqlite(database.ConnectionString);
                        break;
                }
            });
            Every<PurgeExpiredRecordsJob>(q, PurgeExpiredRecordsJob.Key, options.PurgeInterval);
            Every<DeliverOutboxJob>(q, DeliverOutboxJob.Key, options.OutboxInterval);
            Every<ExpireCheckoutSessionsJob>(q, ExpireCheckoutSessionsJob.Key, options.CheckoutExpiryInterval);
            Every<ProcessWebhookEventsJob>(q, ProcessWebhookEventsJob.Key, options.WebhookInterval);
            Every<RenewSubscriptionsJob>(q, RenewSubscriptionsJob.Key, options.RenewalInterval, options.BillingRunners);
            Every<RetryInvoicePaymentsJob>(q, RetryInvoicePaymentsJob.Key, options.InvoiceRetryInterval, options.BillingRunners);
            Every<SendDunningMessagesJob>(q, SendDunningMessagesJob.Key, options.DunningInterval);
            Every<ExpireUnpaidInvoicesJob>(q, ExpireUnpaidInvoicesJob.Key, options.InvoiceExpiryInterval);
            Every<SendInvoiceReceiptsJob>(q, SendInvoiceReceiptsJob.Key, options.InvoiceReceiptInterval);
            Every<RemindTrialEndingJob>(q, RemindTrialEndingJob.Key, options.TrialReminderInterval);
            q.ScheduleJob<AnalysePaymentPatternsJob>(
                trigger => trigger
                    .WithIdentity(AnalysePaymentPatternsJob.Key.Name + "-trigger", AnalysePaymentPatternsJob.Key.Group)
                    .WithSchedule(CronScheduleBuilder.Create($"0 {options.PatternAnalysisAt.Minutes} {options.PatternAnalysisAt.Hours} * * ?")
                        .InTimeZone(TimeZoneInfo.Utc)),
                job => job.WithIdentity(AnalysePaymentPatternsJob.Key));
        });
        if (options.Enabled) services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    /// <param name="runners">Triggers of the job: more than one lets as many runs go at once (on one node or several).</param>
    private static void Every<TJob>(IQuartzBuilder q, JobKey key, TimeSpan interval, int runners = 1) where TJob : IJob
    {
        q.ScheduleJob<TJob>(trigger => trigger.WithIdentity(key.Name + "-trigger", key.Group).StartNow().WithSimpleSchedule(Repeating(interval)),
            job => job.WithIdentity(key));
        for (var runner = 2; runner <= runners; runner++)
        {
            var name = $"{key.Name}-trigger-{runner}";
            q.AddTrigger(trigger => trigger.ForJob(key).WithIdentity(name, key.Group).StartNow().WithSimpleSchedule(Repeating(interval)));
        }
    }

    private static Action<SimpleScheduleBuilder> Repeating(TimeSpan interval) => schedule => schedule.WithInterval(interval).RepeatForever();
}

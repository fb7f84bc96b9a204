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
            Every<RenewSubscriptionsJob>(q, RenewSubscriptionsJob.Key, options.RenewalInterval);
            Every<RetryInvoicePaymentsJob>(q, RetryInvoicePaymentsJob.Key, options.InvoiceRetryInterval);
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

    private static void Every<TJob>(IQuartzBuilder q, JobKey key, TimeSpan interval) where TJob : IJob =>
        q.ScheduleJob<TJob>(
            trigger => trigger
                .WithIdentity(key.Name + "-trigger", key.Group)
                .StartNow()
                .WithSimpleSchedule(schedule => schedule.WithInterval(interval).RepeatForever()),
            job => job.WithIdentity(key));
}

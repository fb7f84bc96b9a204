using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Numi.Core.Subscriptions;
using Numi.Core.Tenancy;
using Quartz;

namespace Numi.Infrastructure.Jobs;

/// <summary>Reminds customers before their trial ends (<see cref="JobOptions.TrialReminderLead"/>, 3 days by default):
/// one email per trial, claimed by <see cref="RemindTrialEndingHandler"/>, so two runners at once send it once.</summary>
[DisallowConcurrentExecution]
public sealed class RemindTrialEndingJob(BillingSweep sweep, IOptions<JobOptions> options, ILogger<RemindTrialEndingJob> logger)
    : BillingJob(sweep, logger, SpecFor(options.Value.TrialReminderLead))
{
    public static readonly JobKey Key = new("remind-trial-ending", "billing");

    public static BillingJobSpec SpecFor(TimeSpan lead) => new(Key, Core.Common.IdPrefixes.Subscription,
        (db, now, after, size, ct) => db.DueTrialRemindersAsync(now, now + lead, after, size, ct),
        (services, id, ct) => services.GetRequiredService<RemindTrialEndingHandler>().HandleAsync(id, lead, ct));
}

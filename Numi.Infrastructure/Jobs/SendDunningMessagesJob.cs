using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Numi.Core.Dunning;
using Numi.Core.Tenancy;
using Quartz;

namespace Numi.Infrastructure.Jobs;

/// <summary>Sends the due dunning step of every failed open invoice: the plan's campaign email with its update-card link,
/// and the SMS when the plan asks. Each step is claimed by insert, so overlapping runs send it once.</summary>
[DisallowConcurrentExecution]
public sealed class SendDunningMessagesJob(BillingSweep sweep, ILogger<SendDunningMessagesJob> logger) : BillingJob(sweep, logger, Spec)
{
    public static readonly JobKey Key = new("send-dunning-messages", "billing");

    public static readonly BillingJobSpec Spec = new(Key, Core.Common.IdPrefixes.Invoice, AcrossTenants.FailedOpenInvoicesAsync,
        (services, id, ct) => services.GetRequiredService<SendDunningMessageHandler>().HandleAsync(id, ct));
}

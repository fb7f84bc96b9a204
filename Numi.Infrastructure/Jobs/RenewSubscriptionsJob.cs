using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Numi.Core.Invoices;
using Numi.Core.Tenancy;
using Quartz;

namespace Numi.Infrastructure.Jobs;

/// <summary>Renews every due subscription: ends those set to end, invoices and charges the others. Safe on two nodes
/// at once: the invoice of a period is unique and each attempt is claimed before it is charged (see
/// <see cref="InvoiceCollection"/>).</summary>
[DisallowConcurrentExecution]
public sealed partial class RenewSubscriptionsJob(BillingSweep sweep, ILogger<RenewSubscriptionsJob> logger) : IJob
{
    public static readonly JobKey Key = new("renew-subscriptions", "billing");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var run = await RunOnceAsync(sweep, cancellationToken);
        context.Result = run;
        if (run.Examined > 0) LogRun(logger, run.Examined, run.Succeeded, run.Failed);
    }

    /// <summary>One run, as Quartz makes it (tests call it directly).</summary>
    public static Task<Core.Jobs.JobRun> RunOnceAsync(BillingSweep sweep, CancellationToken ct) =>
        sweep.RunAsync(Key.Name, Core.Common.IdPrefixes.Subscription, AcrossTenants.DueSubscriptionsAsync,
            (services, id, token) => services.GetRequiredService<RenewSubscriptionHandler>().HandleAsync(id, token), ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Renewals: {Examined} due, {Succeeded} renewed or ended, {Failed} failed")]
    private static partial void LogRun(ILogger logger, int examined, int succeeded, int failed);
}

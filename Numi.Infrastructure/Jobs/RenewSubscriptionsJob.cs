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
public sealed class RenewSubscriptionsJob(BillingSweep sweep, ILogger<RenewSubscriptionsJob> logger) : BillingJob(sweep, logger)
{
    public static readonly JobKey Key = new("renew-subscriptions", "billing");

    protected override string Name => Key.Name;

    protected override Task<Core.Jobs.JobRun> RunAsync(BillingSweep sweep, CancellationToken ct) => RunOnceAsync(sweep, ct);

    /// <summary>One run, as Quartz makes it (tests call it directly).</summary>
    public static Task<Core.Jobs.JobRun> RunOnceAsync(BillingSweep sweep, CancellationToken ct) =>
        sweep.RunAsync(Key.Name, Core.Common.IdPrefixes.Subscription, AcrossTenants.DueSubscriptionsAsync,
            (services, id, token) => services.GetRequiredService<RenewSubscriptionHandler>().HandleAsync(id, token), ct);
}

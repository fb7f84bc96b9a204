using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Numi.Core.Invoices;
using Numi.Core.Tenancy;
using Quartz;

namespace Numi.Infrastructure.Jobs;

/// <summary>Makes every due payment attempt of open invoices: the scheduled retries, and any first attempt a renewal
/// run left unmade (it died after inserting the invoice). Each attempt is claimed before it is charged.</summary>
[DisallowConcurrentExecution]
public sealed class RetryInvoicePaymentsJob(BillingSweep sweep, ILogger<RetryInvoicePaymentsJob> logger) : BillingJob(sweep, logger)
{
    public static readonly JobKey Key = new("retry-invoice-payments", "billing");

    protected override string Name => Key.Name;

    protected override Task<Core.Jobs.JobRun> RunAsync(BillingSweep sweep, CancellationToken ct) => RunOnceAsync(sweep, ct);

    /// <summary>One run, as Quartz makes it (tests call it directly).</summary>
    public static Task<Core.Jobs.JobRun> RunOnceAsync(BillingSweep sweep, CancellationToken ct) =>
        sweep.RunAsync(Key.Name, Core.Common.IdPrefixes.Invoice, AcrossTenants.DueInvoiceAttemptsAsync,
            (services, id, token) => services.GetRequiredService<InvoiceCollection>().CollectAsync(id, token), ct);
}

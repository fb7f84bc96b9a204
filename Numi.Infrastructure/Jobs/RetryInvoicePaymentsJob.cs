using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Numi.Core.Invoices;
using Numi.Core.Tenancy;
using Quartz;

namespace Numi.Infrastructure.Jobs;

/// <summary>Makes every due payment attempt of open invoices: the scheduled retries, and any first attempt a renewal
/// run left unmade (it died after inserting the invoice). Each attempt is claimed before it is charged.</summary>
[DisallowConcurrentExecution]
public sealed partial class RetryInvoicePaymentsJob(BillingSweep sweep, ILogger<RetryInvoicePaymentsJob> logger) : IJob
{
    public static readonly JobKey Key = new("retry-invoice-payments", "billing");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var run = await RunOnceAsync(sweep, cancellationToken);
        context.Result = run;
        if (run.Examined > 0) LogRun(logger, run.Examined, run.Succeeded, run.Failed);
    }

    /// <summary>One run, as Quartz makes it (tests call it directly).</summary>
    public static Task<Core.Jobs.JobRun> RunOnceAsync(BillingSweep sweep, CancellationToken ct) =>
        sweep.RunAsync(Key.Name, Core.Common.IdPrefixes.Invoice, AcrossTenants.DueInvoiceAttemptsAsync,
            (services, id, token) => services.GetRequiredService<InvoiceCollection>().CollectAsync(id, token), ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Invoice retries: {Examined} due, {Succeeded} paid, {Failed} failed")]
    private static partial void LogRun(ILogger logger, int examined, int succeeded, int failed);
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Numi.Core.Invoices;
using Numi.Core.Tenancy;
using Quartz;

namespace Numi.Infrastructure.Jobs;

/// <summary>Makes every due payment attempt of open invoices: the scheduled retries, and any first attempt a renewal
/// run left unmade (it died after inserting the invoice). Each attempt is claimed before it is charged.</summary>
public sealed class RetryInvoicePaymentsJob(BillingSweep sweep, ILogger<RetryInvoicePaymentsJob> logger) : BillingJob(sweep, logger, Spec)
{
    public static readonly JobKey Key = new("retry-invoice-payments", "billing");

    public static readonly BillingJobSpec Spec = new(Key, Core.Common.IdPrefixes.Invoice, AcrossTenants.DueInvoiceAttemptsAsync,
        (services, id, ct) => services.GetRequiredService<InvoiceCollection>().CollectAsync(id, ct)) { SplitOnRace = true };
}

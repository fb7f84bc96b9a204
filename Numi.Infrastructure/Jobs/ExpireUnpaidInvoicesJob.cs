using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Numi.Core.Invoices;
using Numi.Core.Tenancy;
using Quartz;

namespace Numi.Infrastructure.Jobs;

/// <summary>Marks uncollectible the open invoices no attempt will collect once their plan's maximum days have passed,
/// and applies the plan's action to subscriptions still past due.</summary>
[DisallowConcurrentExecution]
public sealed class ExpireUnpaidInvoicesJob(BillingSweep sweep, ILogger<ExpireUnpaidInvoicesJob> logger) : BillingJob(sweep, logger, Spec)
{
    public static readonly JobKey Key = new("expire-unpaid-invoices", "billing");

    public static readonly BillingJobSpec Spec = new(Key, Core.Common.IdPrefixes.Invoice, AcrossTenants.UnpaidInvoicesWithoutAttemptAsync,
        (services, id, ct) => services.GetRequiredService<ExpireUnpaidInvoiceHandler>().HandleAsync(id, ct));
}

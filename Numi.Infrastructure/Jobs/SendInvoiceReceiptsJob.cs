using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Numi.Core.Invoices;
using Numi.Core.Tenancy;
using Quartz;

namespace Numi.Infrastructure.Jobs;

/// <summary>Mails the receipt of every newly paid invoice, its PDF attached, through the outbox: once per invoice, however
/// many runs or nodes see it (<see cref="SendInvoiceReceiptHandler"/>).</summary>
[DisallowConcurrentExecution]
public sealed class SendInvoiceReceiptsJob(BillingSweep sweep, ILogger<SendInvoiceReceiptsJob> logger) : BillingJob(sweep, logger, Spec)
{
    public static readonly JobKey Key = new("send-invoice-receipts", "billing");

    public static readonly BillingJobSpec Spec = new(Key, Core.Common.IdPrefixes.Invoice, AcrossTenants.DueInvoiceReceiptsAsync,
        (services, id, ct) => services.GetRequiredService<SendInvoiceReceiptHandler>().HandleAsync(id, ct));
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Invoices;

/// <summary>Reads an invoice of the current organization with its subscription's retry inputs (the plan's settings,
/// the customer's pattern: what <see cref="InvoiceCollection"/> schedules with) and answers its <see cref="InvoiceRetryPlan"/>.</summary>
public sealed class ReadInvoiceRetryPlan(INumiDb db, RetryInputs inputs)
{
    /// <summary>Null when the organization has no such invoice.</summary>
    public async Task<InvoiceRetryPlan?> ReadAsync(Guid invoiceId, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null) return null;
        var subscription = await db.Subscriptions.AsNoTracking().FirstAsync(s => s.Id == invoice.SubscriptionId, ct);
        var context = await inputs.ForAsync(subscription, ct);
        return InvoiceRetryPlan.Of(invoice, context.Settings, context.Pattern, context.CustomerTimeZone);
    }
}

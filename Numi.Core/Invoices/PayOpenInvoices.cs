using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Invoices;

public sealed record PayOpenInvoices(Guid SubscriptionId);

/// <summary>A subscription's open invoices paid at once, oldest first, each through <see cref="PayInvoiceHandler"/>:
/// what follows a customer's new card, so a past-due subscription recovers without waiting for its next retry. Stops
/// at the first refusal, which it answers; the invoices paid before it stay paid.</summary>
public sealed class PayOpenInvoicesHandler(INumiDb db, PayInvoiceHandler pay)
{
    public async Task<Result<IReadOnlyList<Invoice>>> HandleAsync(PayOpenInvoices command, CancellationToken ct)
    {
        var open = await db.Invoices.AsNoTracking().Where(i => i.SubscriptionId == command.SubscriptionId && i.Status == InvoiceStatus.Open)
            .OrderBy(i => i.Number).Select(i => i.Id).ToListAsync(ct);
        var paid = new List<Invoice>();
        foreach (var id in open)
        {
            var result = await pay.HandleAsync(new PayInvoice(id), ct);
            if (!result.Succeeded) return Result<IReadOnlyList<Invoice>>.Failure(result.Errors);
            paid.Add(result.Value);
        }
        return paid;
    }
}

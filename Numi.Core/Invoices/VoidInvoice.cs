using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Invoices;

public sealed record VoidInvoice(Guid InvoiceId);

/// <summary>The merchant voids a draft or open invoice: nothing more is attempted on it. The invoice's claim column is a
/// concurrency token here in effect: a void saved while a runner holds an attempt is refused, since that attempt may be
/// charging right now.</summary>
public sealed class VoidInvoiceHandler(INumiDb db, ControllableClock clock)
{
    public async Task<Result<Invoice>> HandleAsync(VoidInvoice command, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var invoice = await db.Invoices.Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == command.InvoiceId, ct);
        if (invoice is null) return Error.NotFound("No such invoice.", "id");
        if (invoice.ClaimedUntil is { } until && until > now)
            return Error.Conflict("A payment attempt on this invoice is in progress; try again in a few minutes.");
        var voided = invoice.Void(now);
        if (!voided.Succeeded) return voided;
        try
        {
            await db.SaveInTurnAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("The invoice changed while it was being voided (a payment attempt began); reload it.");
        }
        return invoice;
    }
}

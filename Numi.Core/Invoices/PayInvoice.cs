using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Payments;

namespace Numi.Core.Invoices;

public sealed record PayInvoice(Guid InvoiceId);

/// <summary>Pays an open invoice at once with its subscription's saved card. The charge is the invoice's next attempt,
/// claimed and keyed (<c>{in_…}:attempt:{n}</c>) by <see cref="InvoiceCollection"/> exactly as the retry job's, so a
/// retry running at the same moment and this payment cannot both charge: one claims the attempt, the other is told it
/// is in progress. Paid, the invoice's retries stop and a past-due or unpaid subscription is active again; declined,
/// the attempt is recorded with its reason and the retry schedule goes on from it, as after any failed attempt.</summary>
public sealed class PayInvoiceHandler(INumiDb db, InvoiceCollection collection, ControllableClock clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Result<Invoice>> HandleAsync(PayInvoice command, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Id == command.InvoiceId, ct);
        if (invoice is null) return Error.NotFound("No such invoice.", "id");
        if (invoice.PayNowRefusal(Now) is { } refusal) return refusal;

        var outcome = await collection.CollectNowAsync(invoice.Id, ct);
        var after = await db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.CreditNotes).AsSplitQuery()
            .FirstAsync(i => i.Id == invoice.Id, ct);
        return outcome switch
        {
            { Result: BillingResult.Paid } => after,
            { Result: BillingResult.Declined, Charge: { } charge } => PaymentRefusal.Of(charge.Status,
                $"{charge.Message ?? "The card was declined."} {outcome.Detail}".Trim(), "payment_method", charge.DeclineCode),
            // Another runner claimed or recorded the attempt between the check and the claim.
            _ => after.PayNowRefusal(Now) ?? Error.Conflict($"{after.DisplayNumber} changed while it was being paid; reload it and try again."),
        };
    }
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Email;

namespace Numi.Core.Invoices;

/// <summary>Puts a paid invoice's receipt, its PDF attached, in the outbox, once per invoice: the invoice is marked by a
/// conditional update ("receipt_sent_at is still null") in the same transaction as the message's insert, so of two
/// runners (two nodes, or a job run twice) exactly one queues it, and a runner that dies before its commit leaves the
/// invoice unmarked for the next run.</summary>
public sealed class SendInvoiceReceiptHandler(INumiDb db, InvoiceDocuments documents, IInvoicePdf pdf, IEmailSender email, ControllableClock clock)
{
    /// <summary>A receipt later than this after the payment is not sent (so an upgrade does not mail every past payment).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(3);

    public async Task<BillingOutcome> HandleAsync(Guid invoiceId, CancellationToken ct)
    {
        var owner = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId && i.Status == InvoiceStatus.Paid && i.ReceiptSentAt == null)
            .Select(i => (Guid?)i.OrganizationId).FirstOrDefaultAsync(ct);
        if (owner is null) return new BillingOutcome(BillingResult.Skipped, "not paid, or its receipt was sent");
        var document = await documents.ReadAsync(invoiceId, customerId: null, ct)
            ?? throw new InvalidOperationException("The invoice was just read; it cannot be missing.");
        // Rendered before the transaction: the logo may be fetched over the network, and nothing waits on a lock meanwhile.
        var file = await pdf.RenderAsync(document, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.WriteInTurnAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var marked = await db.Invoices.Where(i => i.Id == invoiceId && i.ReceiptSentAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.ReceiptSentAt, now), ct);
            if (marked == 0) return new BillingOutcome(BillingResult.Skipped, "another runner sent the receipt");
            email.Queue(InvoiceReceipt.Compose(document, file), owner);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new BillingOutcome(BillingResult.Done);
        }, ct);
    }
}

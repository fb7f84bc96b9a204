using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Core.Tax;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Invoices;

public sealed record InvoiceSheetLine(string Description, int Quantity, long UnitAmount, long Amount);

public sealed record InvoiceSheetCreditNote(string PublicId, long Amount, string? Reason, DateTime CreatedAt);

/// <summary>What the invoice page shows, as plain data (amounts in minor units of <see cref="Currency"/>): read while
/// prerendering and handed to the interactive render, read again after a void or a refund. <see cref="Refundable"/>:
/// paid with a charge and something left to give back, when the page offers a refund.</summary>
public sealed record InvoiceSheet(
    Guid Id, string PublicId, string Number, InvoiceStatus Status, string CustomerPublicId, string CustomerEmail, string? CustomerName,
    string SubscriptionPublicId, string SubscriptionDescription, DateTime PeriodStart, DateTime PeriodEnd, string Currency,
    List<InvoiceSheetLine> Lines, long Subtotal, string? DiscountCode, long Discount, string? TaxLabel, long Tax, long Total,
    long AmountPaid, long AmountCredited, DateTime CreatedAt, DateTime? PaidAt, DateTime? VoidedAt,
    DateTime? NextAttemptAt, string? RetryReason, bool NewCardNeeded, string? LastDeclineCode, List<InvoiceAttemptEntry> Attempts,
    List<InvoiceSheetCreditNote> CreditNotes, bool Refundable)
{
    public string Money(long amount) => Contracts.Money.Format(amount, Currency);

    /// <summary>What is left to give back: what was paid less the credit notes.</summary>
    public long Creditable => AmountPaid - AmountCredited;

    /// <summary>Null when <paramref name="id"/> names no invoice of the organization the scope is in.</summary>
    public static async Task<InvoiceSheet?> ReadAsync(NumiDbContext db, string id, CancellationToken ct)
    {
        if (!Core.Common.PublicId.TryParse(IdPrefixes.Invoice, id, out var key)) return null;
        var i = await db.Invoices.AsNoTracking().Include(x => x.Lines).Include(x => x.CreditNotes).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == key, ct);
        if (i is null) return null;
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == i.CustomerId).Select(c => new { c.Email, c.Name }).FirstAsync(ct);
        var description = await db.Subscriptions.AsNoTracking().Where(s => s.Id == i.SubscriptionId).Select(s => s.Description).FirstAsync(ct);
        var timeline = await db.SubscriptionEvents.AsNoTracking().Where(e => e.SubscriptionId == i.SubscriptionId && e.Detail != null && e.Detail.StartsWith(i.DisplayNumber))
            .ToListAsync(ct);
        var tax = i.TaxName is { } name ? TaxRate.LabelOf(name, i.TaxRatePpm ?? 0) + (i.TaxInclusive ? " (included)" : "") : null;
        return new InvoiceSheet(i.Id, i.PublicId, i.DisplayNumber, i.Status, Core.Common.PublicId.Format(IdPrefixes.Customer, i.CustomerId),
            customer.Email, customer.Name, Core.Common.PublicId.Format(IdPrefixes.Subscription, i.SubscriptionId), description,
            i.PeriodStart, i.PeriodEnd, i.Currency, [.. i.Lines.Select(l => new InvoiceSheetLine(l.Description, l.Quantity, l.UnitAmount, l.Amount))],
            i.AmountSubtotal, i.DiscountCode, i.AmountDiscount, tax, i.AmountTax, i.AmountTotal, i.AmountPaid, i.AmountCredited, i.CreatedAt,
            i.PaidAt, i.VoidedAt, i.NextAttemptAt, i.RetryReason, i.NewCardNeeded, i.LastDeclineCode,
            [.. InvoiceAttemptHistory.Of(i.DisplayNumber, timeline)],
            [.. i.CreditNotes.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Select(n => new InvoiceSheetCreditNote(n.PublicId, n.Amount, n.Reason, n.CreatedAt))],
            i.Status == InvoiceStatus.Paid && i.PaymentIntentId is not null && i.Creditable > 0);
    }
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Offers;

namespace Numi.Core.Invoices;

/// <summary>Reads what an invoice's PDF shows, inside the current organization (its tenant filter). The merchant's
/// logo is the one its checkout wears: the design of the offer published last, as the customer portal's brand.</summary>
public sealed class InvoiceDocuments(INumiDb db)
{
    /// <summary>The invoice's document, or null for no invoice of this organization (or, with
    /// <paramref name="customerId"/>, none of that customer).</summary>
    public async Task<InvoiceDocument?> ReadAsync(Guid invoiceId, Guid? customerId, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines)
            .FirstOrDefaultAsync(i => i.Id == invoiceId && (customerId == null || i.CustomerId == customerId), ct);
        if (invoice is null) return null;
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == invoice.OrganizationId)
            .Select(o => new { o.Name, o.TimeZone }).FirstAsync(ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == invoice.CustomerId)
            .Select(c => new { c.Name, c.Email }).FirstAsync(ct);
        // The design is one JSON column: read it whole, then take its logo.
        var design = await db.Offers.AsNoTracking().Where(o => o.Status == OfferStatus.Published)
            .OrderByDescending(o => o.PublishedAt).Select(o => o.Design).FirstOrDefaultAsync(ct);
        return new InvoiceDocument(organization.Name, design?.LogoUrl, invoice.DisplayNumber, invoice.Status, invoice.CreatedAt,
            invoice.PeriodStart, invoice.PeriodEnd, organization.TimeZone, customer.Name, customer.Email, invoice.Currency,
            [.. invoice.Lines.Select(l => new InvoiceDocumentLine(l.Description, l.Quantity, l.UnitAmount, l.Amount))],
            invoice.AmountSubtotal, invoice.DiscountCode, invoice.AmountDiscount, invoice.TaxName, invoice.TaxRatePpm, invoice.TaxInclusive,
            invoice.AmountTax, invoice.AmountTotal, invoice.AmountPaid, invoice.PaidAt, invoice.AmountCredited);
    }
}

namespace Numi.Core.Invoices;

/// <summary>Everything an invoice's PDF shows, read once from the database (<see cref="InvoiceDocuments"/>), so the
/// renderer needs no entity and no query. Times are UTC; <see cref="TimeZone"/> is the organization's, for the dates.</summary>
public sealed record InvoiceDocument(
    string MerchantName,
    string? LogoUrl,
    string Number,
    InvoiceStatus Status,
    DateTime IssuedAt,
    DateTime PeriodStart,
    DateTime PeriodEnd,
    string TimeZone,
    string? CustomerName,
    string CustomerEmail,
    string Currency,
    IReadOnlyList<InvoiceDocumentLine> Lines,
    long Subtotal,
    string? DiscountCode,
    long Discount,
    string? TaxName,
    int? TaxRatePpm,
    bool TaxInclusive,
    long Tax,
    long Total,
    long AmountPaid,
    DateTime? PaidAt,
    long AmountCredited)
{
    /// <summary>"INV-000123.pdf".</summary>
    public string FileName => Number + ".pdf";
}

public sealed record InvoiceDocumentLine(string Description, int Quantity, long UnitAmount, long Amount);

/// <summary>Draws an invoice as a PDF.</summary>
public interface IInvoicePdf
{
    Task<byte[]> RenderAsync(InvoiceDocument document, CancellationToken ct);
}

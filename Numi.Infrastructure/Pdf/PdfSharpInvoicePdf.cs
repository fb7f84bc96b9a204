using Numi.Core.Invoices;

namespace Numi.Infrastructure.Pdf;

/// <summary>Invoices as PDF through PDFsharp 6.2.4 (MIT; later versions name the AGPL) with Numi's embedded font.</summary>
internal sealed class PdfSharpInvoicePdf(InvoiceLogos logos) : IInvoicePdf
{
    public async Task<byte[]> RenderAsync(InvoiceDocument document, CancellationToken ct) =>
        InvoicePdfLayout.Render(document, await logos.ReadAsync(document.LogoUrl, ct));
}

using Numi.Core.Invoices;
using Numi.Infrastructure.Pdf;
using Numi.Tests.Support;
using UglyToad.PdfPig;

namespace Numi.Infrastructure.Tests.Pdf;

/// <summary>The invoice PDF as PDFsharp writes it, read back with another library (PdfPig): a real PDF whose text holds
/// what the invoice says, drawn with the embedded font (no system font needed), with or without a logo.</summary>
public sealed class InvoicePdfLayoutTests
{
    private static InvoiceDocument Invoice(string? customerName = "Ada Lovelace", params InvoiceDocumentLine[] lines) => new(
        "Bean There Coffee", null, "INV-000123", InvoiceStatus.Paid, new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc),
        new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), "Europe/Berlin",
        customerName, "ada@example.com", "eur",
        lines.Length > 0 ? lines : [new InvoiceDocumentLine("Coffee club", 2, 1_000, 2_000)],
        2_000, "WELCOME10", 200, "VAT", 190_000, false, 342, 2_142, 2_142, new DateTime(2026, 12, 1, 10, 5, 0, DateTimeKind.Utc), 500);

    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    [Fact]
    public void The_pdf_holds_the_merchant_number_dates_customer_lines_discount_tax_totals_and_status()
    {
        var pdf = InvoicePdfLayout.Render(Invoice(), logo: null);

        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        var text = TextOf(pdf);
        foreach (var expected in new[]
        {
            "Bean There Coffee", "INV-000123", "paid", "Ada Lovelace", "ada@example.com", "Coffee club",
            "1 Dec 2026", "1 Jan 2027", "WELCOME10", "-€2.00", "VAT 19%", "€3.42", "€21.42", "€5.00", "Europe/Berlin", "EUR",
        })
            Assert.Contains(expected, text);
        Assert.DoesNotContain("Amount due", text);
        using var document = PdfDocument.Open(pdf);
        Assert.Equal("Bean There Coffee invoice INV-000123", document.Information.Title);
    }

    [Fact]
    public void An_open_invoice_shows_what_is_due_and_a_customer_without_a_name_shows_the_email()
    {
        var invoice = Invoice(customerName: null) with { Status = InvoiceStatus.Open, AmountPaid = 0, PaidAt = null, AmountCredited = 0 };

        var text = TextOf(InvoicePdfLayout.Render(invoice, logo: null));

        Assert.Contains("open", text);
        Assert.Contains("Amount due €21.42", text);
        Assert.Contains("ada@example.com", text);
        Assert.DoesNotContain("credited", text);
    }

    [Fact]
    public void A_logo_is_drawn_above_the_merchants_name()
    {
        var pdf = InvoicePdfLayout.Render(Invoice(), TestImages.Png(120, 40));

        using var document = PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        Assert.Single(page.GetImages());
        Assert.Contains("Bean There Coffee", page.Text);
        Assert.Empty(PdfDocument.Open(InvoicePdfLayout.Render(Invoice(), logo: null)).GetPage(1).GetImages());
    }

    [Fact]
    public void Long_descriptions_wrap_and_many_lines_go_on_to_further_pages()
    {
        var words = string.Join(' ', Enumerable.Repeat("Single-origin espresso beans, roasted weekly", 4));
        var lines = Enumerable.Range(1, 40).Select(n => new InvoiceDocumentLine($"{n:00} {words}", 1, 100, 100)).ToArray();

        using var document = PdfDocument.Open(InvoicePdfLayout.Render(Invoice("Ada", lines), logo: null));

        Assert.True(document.NumberOfPages > 1, $"{document.NumberOfPages} page(s)");
        var text = string.Join("\n", document.GetPages().Select(p => p.Text));
        Assert.Contains("40", text);
        Assert.All(document.GetPages(), p => Assert.All(p.GetWords(), w => Assert.True(w.BoundingBox.Right <= p.Width, $"'{w.Text}' runs off the page")));
    }
}

using System.Globalization;
using Numi.Core.Invoices;
using Numi.Core.Tax;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Numi.Infrastructure.Pdf;

/// <summary>Draws an invoice on A4 pages: the merchant (logo, else its name, in large type) and the invoice's number
/// and status at the top, its dates and customer, a table of lines, then the totals. Lines that do not fit go on to
/// another page. Dates are in the organization's time zone, amounts in the invoice's currency.</summary>
internal sealed class InvoicePdfLayout
{
    private const double Margin = 50;
    private const double LineHeight = 15;
    private static readonly XFont Body = new(EmbeddedFonts.Family, 9.5, XFontStyleEx.Regular);
    private static readonly XFont Strong = new(EmbeddedFonts.Family, 9.5, XFontStyleEx.Bold);
    private static readonly XFont Heading = new(EmbeddedFonts.Family, 18, XFontStyleEx.Bold);
    private static readonly XBrush Ink = XBrushes.Black;
    private static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(107, 114, 128));
    private static readonly XPen Rule = new(XColor.FromArgb(209, 213, 219), 0.75);

    private readonly InvoiceDocument _invoice;
    private readonly TimeZoneInfo _zone;
    private readonly PdfDocument _pdf = new();
    private PdfPage _page = default!;
    private XGraphics _gfx = default!;
    private double _y;

    private InvoicePdfLayout(InvoiceDocument invoice)
    {
        _invoice = invoice;
        _zone = TimeZoneInfo.TryFindSystemTimeZoneById(invoice.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    private double Right => _page.Width.Point - Margin;

    /// <param name="logo">The merchant's logo as PNG or JPEG bytes, or null to print the merchant's name in its place.</param>
    public static byte[] Render(InvoiceDocument invoice, byte[]? logo)
    {
        EmbeddedFonts.Install();
        var layout = new InvoicePdfLayout(invoice);
        layout._pdf.Info.Title = $"{invoice.MerchantName} invoice {invoice.Number}";
        layout._pdf.Info.Author = invoice.MerchantName;
        layout.NewPage();
        layout.DrawHeader(logo);
        layout.DrawParties();
        layout.DrawLines();
        layout.DrawTotals();
        layout._gfx.Dispose();
        using var output = new MemoryStream();
        layout._pdf.Save(output);
        return output.ToArray();
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        _page = _pdf.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        _y = Margin;
    }

    private void EnsureRoom(double height)
    {
        if (_y + height > _page.Height.Point - Margin) NewPage();
    }

    private void DrawHeader(byte[]? logo)
    {
        var top = _y;
        if (logo is not null)
        {
            using var image = XImage.FromStream(new MemoryStream(logo));
            var scale = Math.Min(160 / image.PointWidth, 56 / image.PointHeight);
            _gfx.DrawImage(image, Margin, top, image.PointWidth * scale, image.PointHeight * scale);
            _y = top + image.PointHeight * scale + 8;
            Text(_invoice.MerchantName, Strong, Ink, Margin);
        }
        else
        {
            _gfx.DrawString(_invoice.MerchantName, Heading, Ink, new XRect(Margin, top, 300, 24), XStringFormats.TopLeft);
            _y = top + 28;
        }
        var left = _y;
        _y = top;
        TextRight("INVOICE", Heading, Ink, Right);
        _y += 10;
        TextRight(_invoice.Number, Strong, Ink, Right);
        TextRight("Status: " + _invoice.Status.ToString().ToLowerInvariant(), Body, Muted, Right);
        _y = Math.Max(_y, left) + 18;
    }

    private void DrawParties()
    {
        var top = _y;
        Text("Billed to", Strong, Muted, Margin);
        if (!string.IsNullOrWhiteSpace(_invoice.CustomerName)) Text(_invoice.CustomerName, Body, Ink, Margin);
        Text(_invoice.CustomerEmail, Body, Ink, Margin);
        var bottom = _y;
        _y = top;
        Pair("Issued", Date(_invoice.IssuedAt));
        Pair("Period", $"{Date(_invoice.PeriodStart)} – {Date(_invoice.PeriodEnd)}");
        if (_invoice.PaidAt is { } paid) Pair("Paid", Date(paid));
        _y = Math.Max(_y, bottom) + 20;
    }

    private void DrawLines()
    {
        double quantityRight = Right - 190, unitRight = Right - 90, descriptionWidth = quantityRight - 40 - Margin;
        Header();
        foreach (var line in _invoice.Lines)
        {
            var rows = Wrap(line.Description, Body, descriptionWidth);
            EnsureRoom(rows.Count * LineHeight + 6);
            if (_y == Margin) Header();
            var top = _y;
            foreach (var row in rows) Text(row, Body, Ink, Margin);
            var after = _y;
            _y = top;
            TextRight(line.Quantity.ToString(CultureInfo.InvariantCulture), Body, Ink, quantityRight);
            _y = top;
            TextRight(Money.Format(line.UnitAmount, _invoice.Currency), Body, Ink, unitRight);
            _y = top;
            TextRight(Money.Format(line.Amount, _invoice.Currency), Body, Ink, Right);
            _y = after + 4;
            _gfx.DrawLine(Rule, Margin, _y - 2, Right, _y - 2);
        }
        _y += 10;

        void Header()
        {
            var top = _y;
            Text("Description", Strong, Muted, Margin);
            foreach (var (title, right) in new[] { ("Qty", quantityRight), ("Unit price", unitRight), ("Amount", Right) })
            {
                _y = top;
                TextRight(title, Strong, Muted, right);
            }
            _y += 2;
            _gfx.DrawLine(Rule, Margin, _y, Right, _y);
            _y += 4;
        }
    }

    private void DrawTotals()
    {
        var currency = _invoice.Currency;
        EnsureRoom(8 * LineHeight);
        Total("Subtotal", _invoice.Subtotal, Body);
        if (_invoice.Discount > 0) Total(_invoice.DiscountCode is { } code ? $"Discount ({code})" : "Discount", -_invoice.Discount, Body);
        if (_invoice.TaxName is { } tax)
        {
            var label = TaxRate.LabelOf(tax, _invoice.TaxRatePpm ?? 0) + (_invoice.TaxInclusive ? " (included)" : "");
            Total(label, _invoice.Tax, Body);
        }
        Total("Total", _invoice.Total, Strong);
        Total("Amount paid", _invoice.AmountPaid, Body);
        if (_invoice.AmountCredited > 0) Total("Amount credited", _invoice.AmountCredited, Body);
        if (_invoice.Status == InvoiceStatus.Open) Total("Amount due", _invoice.Total - _invoice.AmountPaid, Strong);
        _y += 16;
        Text($"Amounts in {currency.ToUpperInvariant()}. Dates in {_zone.Id}.", Body, Muted, Margin);
    }

    private void Total(string label, long amount, XFont font)
    {
        var top = _y;
        TextRight(label, font, font == Strong ? Ink : Muted, Right - 110);
        _y = top;
        TextRight(Money.Format(amount, _invoice.Currency), font, Ink, Right);
    }

    private void Pair(string label, string value)
    {
        var top = _y;
        TextRight(label, Strong, Muted, Right - 170);
        _y = top;
        TextRight(value, Body, Ink, Right);
    }

    private string Date(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, _zone).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private void Text(string text, XFont font, XBrush brush, double x)
    {
        _gfx.DrawString(text, font, brush, new XRect(x, _y, Right - x, LineHeight), XStringFormats.TopLeft);
        _y += LineHeight;
    }

    private void TextRight(string text, XFont font, XBrush brush, double right)
    {
        var height = Math.Max(LineHeight, font.Size * 1.3);
        _gfx.DrawString(text, font, brush, new XRect(Margin, _y, right - Margin, height), XStringFormats.TopRight);
        _y += height;
    }

    /// <summary>Breaks <paramref name="text"/> at spaces into rows no wider than <paramref name="width"/>; a word wider
    /// than a row is cut where it must be.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var rows = new List<string>();
        var row = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = row.Length == 0 ? word : row + " " + word;
            if (_gfx.MeasureString(candidate, font).Width <= width) row = candidate;
            else
            {
                if (row.Length > 0) rows.Add(row);
                row = word;
                while (_gfx.MeasureString(row, font).Width > width && row.Length > 1)
                {
                    var cut = row.Length - 1;
                    while (cut > 1 && _gfx.MeasureString(row[..cut], font).Width > width) cut--;
                    rows.Add(row[..cut]);
                    row = row[cut..];
                }
            }
        }
        if (row.Length > 0 || rows.Count == 0) rows.Add(row);
        return rows;
    }
}

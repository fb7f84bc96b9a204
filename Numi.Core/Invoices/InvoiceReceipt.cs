using System.Globalization;
using System.Net;
using Numi.Core.Email;

namespace Numi.Core.Invoices;

/// <summary>The email that thanks a customer for a paid invoice, with the invoice's PDF attached.</summary>
public static class InvoiceReceipt
{
    public static EmailMessage Compose(InvoiceDocument invoice, byte[] pdf)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(invoice.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        string Date(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, zone).ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        var amount = Money.Format(invoice.AmountPaid, invoice.Currency);
        var period = $"{Date(invoice.PeriodStart)} to {Date(invoice.PeriodEnd)}";
        var greeting = string.IsNullOrWhiteSpace(invoice.CustomerName) ? "Hello," : $"Hello {invoice.CustomerName},";
        var merchant = WebUtility.HtmlEncode(invoice.MerchantName);
        return new EmailMessage(invoice.CustomerEmail, $"Receipt for {invoice.Number} from {invoice.MerchantName}",
            $"{greeting}\n\nThank you: {invoice.MerchantName} received your payment of {amount} for {period}.\n\n"
            + $"Your invoice {invoice.Number} is attached as {invoice.FileName}.",
            $"<p>{WebUtility.HtmlEncode(greeting)}</p><p>Thank you: <strong>{merchant}</strong> received your payment of {WebUtility.HtmlEncode(amount)} "
            + $"for {WebUtility.HtmlEncode(period)}.</p><p>Your invoice {invoice.Number} is attached as {invoice.FileName}.</p>",
            new EmailAttachment(invoice.FileName, "application/pdf", pdf));
    }
}

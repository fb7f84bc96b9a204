using System.Globalization;
using Numi.Contracts;
using Numi.Core.Invoices;

namespace Numi.Core.Dunning;

/// <summary>The values of a dunning email's placeholders for one invoice, and the SMS that goes with it.</summary>
public static class DunningValues
{
    public const string NoRetryPlanned = "a date still to be set, once your card is updated";

    public static Dictionary<string, string> For(Invoice invoice, string customerName, string merchantName, string productName,
        string updateCardUrl, TimeZoneInfo zone) => new(StringComparer.Ordinal)
    {
        ["customer_name"] = customerName,
        ["merchant_name"] = merchantName,
        ["product_name"] = productName,
        ["amount"] = Money.Format(invoice.AmountTotal, invoice.Currency),
        ["update_card_url"] = updateCardUrl,
        ["next_retry_date"] = invoice.NextAttemptAt is { } next ? NextRetry(next, zone) : NoRetryPlanned,
        ["invoice_number"] = invoice.DisplayNumber,
        ["retry_reason"] = invoice.RetryReason ?? "none given",
    };

    /// <summary>"Fri 15 Jan 09:00 (America/Chicago)": the retry's local time in the plan's zone, as reasons read.</summary>
    public static string NextRetry(DateTime atUtc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(atUtc, DateTimeKind.Utc), zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)
        + $" ({zone.Id})";

    /// <summary>One short text: an SMS has no room for the campaign's email.</summary>
    public static string Sms(IReadOnlyDictionary<string, string> values) =>
        $"{values["merchant_name"]}: your payment of {values["amount"]} ({values["invoice_number"]}) did not go through. "
        + $"Update your card: {values["update_card_url"]}";
}

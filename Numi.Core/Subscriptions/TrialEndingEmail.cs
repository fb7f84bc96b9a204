using System.Globalization;
using System.Net;
using Numi.Core.Email;

namespace Numi.Core.Subscriptions;

/// <summary>The notice a customer gets before their trial ends: what the first charge will be and when (in the
/// merchant's time zone), from whom, and the portal where they can cancel or change their card first.</summary>
public static class TrialEndingEmail
{
    public static EmailMessage For(string to, string merchantName, string product, long amount, string currency, DateTime firstChargeUtc,
        TimeZoneInfo merchantZone, string portalUrl)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(firstChargeUtc, DateTimeKind.Utc), merchantZone);
        var date = local.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
        var charge = Money.Format(amount, currency);
        var text = $"Your free trial of {product} with {merchantName} ends on {date}.\n\n" +
                   $"On that day your card will be charged {charge}, the first payment of your subscription.\n\n" +
                   $"To change your card or cancel before then, open your account: {portalUrl}\n";
        var html = $"<p>Your free trial of <strong>{Encode(product)}</strong> with {Encode(merchantName)} ends on {Encode(date)}.</p>" +
                   $"<p>On that day your card will be charged <strong>{Encode(charge)}</strong>, the first payment of your subscription.</p>" +
                   $"<p>To change your card or cancel before then, <a href=\"{Encode(portalUrl)}\">open your account</a>.</p>";
        return new EmailMessage(to, $"Your {merchantName} trial ends on {date}", text, html);
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}

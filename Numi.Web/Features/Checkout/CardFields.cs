using System.Globalization;
using Numi.Core.Payments;
using Numi.Web.Components.Kit;

namespace Numi.Web.Features.Checkout;

/// <summary>A card as a shopper's form posts it (the checkout, the portal's card form): the simulated processor's typed
/// fields, read once into memory and never rendered back or kept, or with Stripe the <c>pm_…</c> Stripe.js made from
/// Stripe's own field. Each missing or malformed field is an error under its name.</summary>
public static class CardFields
{
    public static CardDetails? Read(string? number, string? expiry, string? cvc, FormErrors errors)
    {
        if (string.IsNullOrWhiteSpace(number)) errors.Add("card.number", "Enter your card number.");
        // "12/30", "12 / 2030", "1230" or "122030": phone keypads have no slash, so digits alone are enough.
        var digits = new string((expiry ?? "").Where(char.IsAsciiDigit).ToArray());
        if ((expiry ?? "").Contains('/') && expiry!.Split('/') is [var m, var y] && m.Trim().Length is 1 or 2)
            digits = m.Trim().PadLeft(2, '0') + y.Trim();
        int month = 0, year = 0;
        if (digits.Length is not (4 or 6)
            || !int.TryParse(digits[..2], NumberStyles.None, CultureInfo.InvariantCulture, out month)
            || !int.TryParse(digits[2..], NumberStyles.None, CultureInfo.InvariantCulture, out year))
            errors.Add("card.expiry", "Enter the expiry date as MM/YY.");
        if (string.IsNullOrWhiteSpace(cvc)) errors.Add("card.cvc", "Enter the security code.");
        return errors.Any ? null : new CardDetails(number!.Trim(), month, year, cvc!.Trim());
    }

    public static string? StripeMethod(string? paymentMethod, FormErrors errors)
    {
        if (paymentMethod?.Trim() is { Length: > 3 and <= 100 } method && method.StartsWith("pm_", StringComparison.Ordinal)) return method;
        errors.Add("payment_method", "Enter your card details in the card field.");
        return null;
    }

    /// <summary>The form's field for a processor's parameter: Stripe names the expiry's month and year, the form has one
    /// expiry field.</summary>
    public static string? FieldOf(string? param) => param is "card.exp_month" or "card.exp_year" ? "card.expiry" : param;
}

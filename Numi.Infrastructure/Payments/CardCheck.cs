using Numi.Core.Payments;

namespace Numi.Infrastructure.Payments;

/// <summary>What can be told about a card without asking a bank: number format and Luhn checksum, expiry, CVC.</summary>
public static class CardCheck
{
    public static string Digits(string number) => new(number.Where(char.IsAsciiDigit).ToArray());

    public static ChargeOutcome? Problem(CardDetails card, DateTimeOffset now)
    {
        var digits = Digits(card.Number);
        if (card.Number.Any(c => !char.IsAsciiDigit(c) && c is not ' ' and not '-') || digits.Length is < 12 or > 19 || !Luhn(digits))
            return Invalid("card.number", "Your card number is not valid.");
        if (card.ExpMonth is < 1 or > 12) return Invalid("card.exp_month", "The expiry month must be between 1 and 12.");
        var year = card.ExpYear < 100 ? 2000 + card.ExpYear : card.ExpYear;
        if (year < now.Year || (year == now.Year && card.ExpMonth < now.Month))
            return Invalid("card.exp_year", "Your card's expiry date is in the past.");
        if (year > now.Year + 50) return Invalid("card.exp_year", "Check the expiry year on your card.");
        if (card.Cvc.Length is < 3 or > 4 || !card.Cvc.All(char.IsAsciiDigit))
            return Invalid("card.cvc", "The security code is the 3 or 4 digits on your card.");
        return null;
    }

    public static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return sum % 10 == 0;
    }

    private static ChargeOutcome Invalid(string param, string message) => new(ChargeStatus.InvalidCard, Param: param, Message: message);
}

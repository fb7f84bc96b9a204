using System.Globalization;

namespace Numi.Contracts;

/// <summary>An amount in a currency's minor units (cents, or yen for zero-decimal currencies). Never floating point.</summary>
public readonly partial record struct Money(long Amount, string Currency)
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["usd"] = "$", ["eur"] = "€", ["gbp"] = "£", ["jpy"] = "¥", ["cad"] = "CA$", ["aud"] = "A$",
        ["chf"] = "CHF ", ["inr"] = "₹", ["krw"] = "₩", ["brl"] = "R$", ["mxn"] = "MX$", ["nzd"] = "NZ$",
    };

    /// <summary>"$51.00", "¥1,200", "€0.50", "KWD 1.250": the symbol where one is common, else the code.</summary>
    public override string ToString() => Format(Amount, Currency);

    public static string Format(long amount, string currency)
    {
        var decimals = Contracts.Currency.Decimals(currency);
        var major = decimal.Divide(amount, Pow10(decimals));
        var number = Math.Abs(major).ToString("N" + decimals, CultureInfo.InvariantCulture);
        var prefix = Symbols.TryGetValue(currency, out var symbol) ? symbol : currency.ToUpperInvariant() + " ";
        return (amount < 0 ? "-" : "") + prefix + number;
    }

    /// <summary>Parses what a person types in a form ("5", "5.5", "1,200.00") into minor units, or null
    /// when it is not a non-negative amount with at most the currency's number of decimals.</summary>
    public static long? ParseMajor(string? text, string currency)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        // Commas only as thousands separators in groups of three: "5,00" is not five hundred (nor five).
        if (!AmountPattern().IsMatch(trimmed)) return null;
        if (!decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value)) return null;
        if (value > long.MaxValue) return null;
        var scaled = value * Pow10(Contracts.Currency.Decimals(currency));
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue) return null;
        return (long)scaled;
    }

    /// <summary>Minor units as a person types them in a form: 500 USD is "5.00", 500 JPY is "500".</summary>
    public static string ToMajorText(long amount, string currency)
    {
        var decimals = Contracts.Currency.Decimals(currency);
        return decimal.Divide(amount, Pow10(decimals)).ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")]
    private static partial System.Text.RegularExpressions.Regex AmountPattern();

    private static decimal Pow10(int exponent) => exponent switch { 0 => 1m, 2 => 100m, 3 => 1000m, _ => (decimal)Math.Pow(10, exponent) };
}

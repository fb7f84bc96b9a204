using Numi.Core.Common;

namespace Numi.Core.Catalog;

/// <summary>What a quantity of a price costs, and why.</summary>
public sealed record Quote(long Quantity, long Amount, string Currency, IReadOnlyList<QuoteLine> Lines)
{
    /// <summary>"5 × $5.00 + 5 × $4.00 + 2 × $3.00"; "0 × $5.00" for nothing bought.</summary>
    public string Breakdown => Lines.Count == 0
        ? Money.Format(0, Currency)
        : string.Join(" + ", Lines.Select(l => l.Describe(Currency)));
}

/// <summary>One part of a quote: <see cref="Quantity"/> units (or packages) at <see cref="UnitAmount"/>, plus a
/// flat amount. <see cref="Tier"/> is the 1-based tier it came from, with its bounds.</summary>
public sealed record QuoteLine(long Quantity, long UnitAmount, long FlatAmount, long Amount, int? Tier = null, long? From = null, long? UpTo = null, bool Packages = false)
{
    public string Describe(string currency)
    {
        var units = Packages
            ? $"{Quantity} {(Quantity == 1 ? "package" : "packages")} × {Money.Format(UnitAmount, currency)}"
            : $"{Quantity} × {Money.Format(UnitAmount, currency)}";
        if (FlatAmount == 0) return units;
        var flat = $"{Money.Format(FlatAmount, currency)} flat";
        return Quantity == 0 || UnitAmount == 0 ? flat : $"{units} + {flat}";
    }
}

using System.Globalization;
using Numi.Core.Common;

namespace Numi.Core.Tax;

/// <summary>A merchant's tax rate for a country, or for one region of it (which wins over the country-wide rate).
/// The percentage is kept exactly, in millionths of the amount (<see cref="RatePpm"/>): 20% is 200 000, 8.875% is 88 750.</summary>
public sealed class TaxRate : IOrganizationOwned, ICreatedInOrder
{
    /// <summary>Four decimals of a percent: one part per million of the amount.</summary>
    public const int PpmPerPercent = 10_000;
    public const int MaxPpm = 100 * PpmPerPercent;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    /// <summary>What shoppers read: "VAT", "Sales tax".</summary>
    public string DisplayName { get; private set; } = "";
    public string Country { get; private set; } = "";
    public string? Region { get; private set; }
    public int RatePpm { get; private set; }
    /// <summary>Already inside the prices (VAT in Europe) rather than added on top of them (US sales tax).</summary>
    public bool Inclusive { get; private set; }
    public bool Active { get; private set; } = true;
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    private TaxRate() { }

    public string PublicId => Common.PublicId.Format(IdPrefixes.TaxRate, Id);

    public decimal Percentage => PercentageOf(RatePpm);

    /// <summary>"VAT 20%", "Sales tax 8.875%".</summary>
    public string Label => LabelOf(DisplayName, RatePpm);

    public static decimal PercentageOf(int ppm) => ppm / (decimal)PpmPerPercent;

    public static string LabelOf(string name, int ppm) => $"{name} {PercentText(ppm)}";

    /// <summary>"20%", "8.875%".</summary>
    public static string PercentText(int ppm) => PercentageOf(ppm).ToString("0.####", CultureInfo.InvariantCulture) + "%";

    /// <summary>One to three letters or digits: the part of an ISO 3166-2 code after the country (CA in US-CA).</summary>
    public static bool IsRegionCode(string? region) => region is { Length: >= 1 and <= 3 } && region.All(char.IsAsciiLetterOrDigit);

    public static TaxRate Create(TaxRateFields fields, DateTime now)
    {
        var rate = new TaxRate { CreatedAt = now };
        rate.Update(fields, now);
        return rate;
    }

    /// <summary>Sets the fields of a validated <paramref name="fields"/>.</summary>
    public void Update(TaxRateFields fields, DateTime now)
    {
        DisplayName = fields.DisplayName!.Trim();
        Country = Countries.Normalize(fields.Country)!;
        Region = string.IsNullOrWhiteSpace(fields.State) ? null : fields.State.Trim().ToUpperInvariant();
        RatePpm = TaxRateFields.PpmOf(fields.Percentage!.Value);
        Inclusive = fields.Inclusive;
        UpdatedAt = now;
    }

    public void SetActive(bool active, DateTime now)
    {
        Active = active;
        UpdatedAt = now;
    }

    /// <summary>The tax on <paramref name="amount"/> (minor units), rounded half away from zero: added on top of it, or
    /// the part of it that is tax when <see cref="Inclusive"/> (amount × rate / (1 + rate)).</summary>
    public long TaxOn(long amount) => TaxOn(amount, RatePpm, Inclusive);

    public static long TaxOn(long amount, int ppm, bool inclusive)
    {
        Int128 numerator = (Int128)amount * ppm;
        Int128 denominator = inclusive ? 1_000_000 + ppm : 1_000_000;
        var quotient = numerator / denominator;
        var remainder = numerator % denominator;
        if (remainder != 0 && 2 * Int128.Abs(remainder) >= denominator) quotient += Int128.Sign(numerator);
        return checked((long)quotient);
    }
}

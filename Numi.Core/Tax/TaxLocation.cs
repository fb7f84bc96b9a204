namespace Numi.Core.Tax;

/// <summary>Where a shopper is taxed: an ISO 3166-1 alpha-2 country and, where the merchant taxes by it, a region
/// (a US state or Canadian province code such as CA or QC).</summary>
public sealed record TaxLocation(string Country, string? Region = null)
{
    /// <summary>The location from a country and an optional region as typed; null when the country is not a known code.</summary>
    public static TaxLocation? Of(string? country, string? region)
    {
        var code = Common.Countries.Normalize(country);
        if (code is null) return null;
        var area = region?.Trim().ToUpperInvariant();
        return new TaxLocation(code, TaxRate.IsRegionCode(area) ? area : null);
    }
}

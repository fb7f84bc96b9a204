using Numi.Core.Common;

namespace Numi.Core.Tax;

/// <summary>Where a shopper is taxed: an ISO 3166-1 alpha-2 country and, where the merchant taxes by it, a region
/// (a US state or Canadian province code such as CA or QC).</summary>
public sealed record TaxLocation(string Country, string? Region = null)
{
    /// <summary>The location from a country and an optional region as typed; null when the country is not a known code.</summary>
    public static TaxLocation? Of(string? country, string? region)
    {
        var code = Countries.Normalize(country);
        if (code is null) return null;
        var area = region?.Trim().ToUpperInvariant();
        return new TaxLocation(code, TaxRate.IsRegionCode(area) ? area : null);
    }

    /// <summary>The location a caller named, checked rather than dropped when malformed: the country two letters of a
    /// known code, the state (optional, blank for none) a region code. Errors name <c>{param}.country</c> and <c>{param}.state</c>.</summary>
    public static Result<TaxLocation> Read(string? country, string? state, string param)
    {
        var errors = new List<Error>();
        var letters = country?.Trim();
        if (string.IsNullOrEmpty(letters))
            errors.Add(Error.Missing($"{param}.country", "Give the country where the shopper is taxed (two letters, e.g. US)."));
        else if (letters is not { Length: 2 } || !letters.All(char.IsAsciiLetter))
            errors.Add(Error.Invalid($"{param}.country", "A country is two letters (ISO 3166-1), e.g. US."));
        else if (Countries.Normalize(letters) is null)
            errors.Add(Error.Invalid($"{param}.country", $"No country has the code '{letters.ToUpperInvariant()}'."));
        var region = string.IsNullOrWhiteSpace(state) ? null : state.Trim().ToUpperInvariant();
        if (region is not null && !TaxRate.IsRegionCode(region))
            errors.Add(Error.Invalid($"{param}.state", "A state or province is a code of one to three letters or digits, e.g. CA."));
        return errors.Count > 0 ? Result<TaxLocation>.Failure(errors) : new TaxLocation(Countries.Normalize(letters)!, region);
    }
}

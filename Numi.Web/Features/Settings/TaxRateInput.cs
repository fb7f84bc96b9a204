using System.Globalization;
using Numi.Core.Tax;
using Numi.Web.Components.Kit;

namespace Numi.Web.Features.Settings;

/// <summary>The tax rate form as posted: the percentage is text, read exactly as a decimal.</summary>
public sealed class TaxRateInput
{
    public string? DisplayName { get; set; }
    public string? Country { get; set; }
    public string? State { get; set; }
    public string? Percentage { get; set; }
    public bool Inclusive { get; set; }

    public static TaxRateInput From(TaxRate rate) => new()
    {
        DisplayName = rate.DisplayName, Country = rate.Country, State = rate.Region,
        Percentage = rate.Percentage.ToString("0.####", CultureInfo.InvariantCulture), Inclusive = rate.Inclusive,
    };

    public TaxRateFields ToFields(FormErrors errors)
    {
        decimal? percentage = null;
        var text = Percentage?.Trim().TrimEnd('%').Trim();
        if (!string.IsNullOrEmpty(text))
        {
            if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed)) percentage = parsed;
            else errors.Add("percentage", "Enter the percentage as a number, e.g. 20 or 8.875.");
        }
        return new TaxRateFields(DisplayName, Country, State, percentage, Inclusive);
    }
}

using FluentValidation;
using Numi.Core.Common;

namespace Numi.Core.Tax;

/// <summary>What the merchant sets on a tax rate, from the settings page or the API. <see cref="Percentage"/> is exact
/// (decimal, at most four decimals): 8.875 means 8.875%. <see cref="State"/> is the region (a US state, a Canadian
/// province), named as Stripe names it.</summary>
public sealed record TaxRateFields(string? DisplayName, string? Country, string? State, decimal? Percentage, bool Inclusive)
{
    public static TaxRateFields Of(TaxRate rate) => new(rate.DisplayName, rate.Country, rate.Region, rate.Percentage, rate.Inclusive);

    public static int PpmOf(decimal percentage) => checked((int)(percentage * TaxRate.PpmPerPercent));
}

public sealed class TaxRateFieldsValidator : AbstractValidator<TaxRateFields>
{
    public TaxRateFieldsValidator()
    {
        RuleFor(f => f.DisplayName).NotEmpty().WithMessage("Give the tax a name shoppers understand, e.g. VAT or Sales tax.")
            .MaximumLength(50).WithMessage("A tax name has at most 50 characters.")
            .SingleLineText().WithMessage("A tax name cannot contain control characters.");
        RuleFor(f => f.Country).SingleLineText();
        RuleFor(f => f.State).SingleLineText();
        RuleFor(f => f.Country).NotEmpty().WithMessage("Choose the country this rate applies in.");
        RuleFor(f => f.Country).Must(c => Countries.Normalize(c) is not null).When(f => !string.IsNullOrEmpty(f.Country))
            .WithMessage("'{PropertyValue}' is not an ISO 3166-1 country code such as US or GB.");
        RuleFor(f => f.State).Must(r => TaxRate.IsRegionCode(r!.Trim())).When(f => !string.IsNullOrWhiteSpace(f.State))
            .WithMessage("A region is a code of one to three letters or digits, e.g. CA for California or QC for Quebec.");
        RuleFor(f => f.Percentage).NotNull().WithMessage("Enter the percentage, e.g. 20 or 8.875.");
        RuleFor(f => f.Percentage).InclusiveBetween(0m, 100m).WithMessage("A percentage is between 0 and 100.")
            .Must(p => p!.Value * TaxRate.PpmPerPercent == decimal.Truncate(p.Value * TaxRate.PpmPerPercent))
            .WithMessage("A percentage has at most four decimals, e.g. 8.875.")
            .When(f => f.Percentage is not null);
    }
}

using System.Text.RegularExpressions;
using FluentValidation;
using Numi.Core.Common;

namespace Numi.Core.Discounts;

/// <summary>What a code takes off, on what, for how long: set once, when the code is created.</summary>
public sealed record DiscountTerms(
    string? Code,
    int? PercentOff = null,
    long? AmountOff = null,
    string? Currency = null,
    DiscountDuration? Duration = null,
    int? DurationInCycles = null,
    IReadOnlyList<Guid>? ProductIds = null);

/// <summary>When and how often a code can be used; the merchant may change these at any time.</summary>
public sealed record DiscountLimits(int? MaxRedemptions = null, bool OncePerCustomer = false, DateTime? ValidFrom = null, DateTime? ValidUntil = null);

public sealed partial class DiscountTermsValidator : AbstractValidator<DiscountTerms>
{
    public DiscountTermsValidator()
    {
        RuleFor(t => t.Code).SingleLineText();
        RuleFor(t => t.Currency).SingleLineText();
        RuleFor(t => t.Code).NotEmpty().WithMessage("Give the code shoppers will type, e.g. WELCOME10.")
            .Must(c => CodePattern().IsMatch(c!.Trim())).When(t => !string.IsNullOrWhiteSpace(t.Code))
            .WithMessage("A code has 3 to 40 letters, digits, '-' or '_'.");
        RuleFor(t => t.PercentOff).NotNull().When(t => t.AmountOff is null).WithMessage("Give a percentage or an amount off.");
        RuleFor(t => t.PercentOff).Null().When(t => t.AmountOff is not null).WithMessage("Give a percentage or an amount off, not both.");
        RuleFor(t => t.PercentOff).InclusiveBetween(1, 100).WithMessage("The percentage must be a whole number from 1 to 100.");
        RuleFor(t => t.AmountOff).GreaterThan(0).WithMessage("The amount off must be more than zero.");
        RuleFor(t => t.Currency).NotEmpty().When(t => t.AmountOff is not null).WithMessage("Give the currency of the amount off.")
            .KnownCurrency();
        RuleFor(t => t.Duration).IsInEnum().WithMessage("The duration must be once, repeating or forever.");
        RuleFor(t => t.DurationInCycles).NotNull().When(t => t.Duration == DiscountDuration.Repeating)
            .WithMessage("Say for how many billing cycles the discount repeats.")
            .InclusiveBetween(1, 120).WithMessage("A repeating discount lasts 1 to 120 billing cycles.");
        RuleFor(t => t.ProductIds).Must(p => p is null || p.Count <= 100).WithMessage("A code can be limited to at most 100 products.")
            .OverridePropertyName("AppliesTo.Products");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{3,40}$")]
    private static partial Regex CodePattern();
}

public sealed class DiscountLimitsValidator : AbstractValidator<DiscountLimits>
{
    public DiscountLimitsValidator()
    {
        RuleFor(l => l.MaxRedemptions).GreaterThan(0).WithMessage("The maximum number of uses must be at least 1.");
        RuleFor(l => l.ValidFrom).PlausibleTimestamp();
        RuleFor(l => l.ValidUntil).PlausibleTimestamp();
        RuleFor(l => l.ValidUntil).GreaterThan(l => l.ValidFrom).When(l => l.ValidFrom is not null && l.ValidUntil is not null)
            .WithMessage("The code must end after it starts.");
    }
}

using FluentValidation;
using Numi.Core.Common;
using Numi.Core.Organizations;

namespace Numi.Core.Offers;

public interface IOfferFields
{
    string? Name { get; }
    string? Slug { get; }
    string? Description { get; }
    string? Currency { get; }
}

public sealed record OfferFields(string? Name, string? Slug, string? Description, string? Currency) : IOfferFields;

public sealed class OfferFieldsValidator<T> : AbstractValidator<T> where T : IOfferFields
{
    public OfferFieldsValidator()
    {
        RuleFor(o => o.Name).SingleLineText();
        RuleFor(o => o.Slug).SingleLineText();
        RuleFor(o => o.Description).MultiLineText();
        RuleFor(o => o.Currency).SingleLineText();
        RuleFor(o => o.Name).NotEmpty().WithMessage("Give the offer a name.")
            .MaximumLength(120).WithMessage("The name must have at most 120 characters.");
        RuleFor(o => o.Slug).NotEmpty().WithMessage("Choose the slug that appears in the checkout URL.")
            .Must(s => s is null || Slug.IsValid(s)).WithMessage("A slug has 3–40 lower-case letters, digits and single hyphens, e.g. coffee-club.");
        RuleFor(o => o.Description).MaximumLength(2000).WithMessage("The description must have at most 2000 characters.");
        RuleFor(o => o.Currency).NotEmpty().WithMessage("Choose the currency the offer sells in.").KnownCurrency();
    }
}

public sealed partial class OfferDesignValidator : AbstractValidator<OfferDesign>
{
    public OfferDesignValidator()
    {
        RuleFor(d => d.BrandColor).SingleLineText();
        RuleFor(d => d.AccentColor).SingleLineText();
        RuleFor(d => d.Font).SingleLineText();
        RuleFor(d => d.LogoUrl).SingleLineText();
        RuleFor(d => d.Headline).SingleLineText();
        RuleFor(d => d.Subheadline).SingleLineText();
        RuleForEach(d => d.Bullets).MultiLineText();
        RuleFor(d => d.TestimonialQuote).MultiLineText();
        RuleFor(d => d.TestimonialAuthor).SingleLineText();
        RuleFor(d => d.GuaranteeText).MultiLineText();
        RuleFor(d => d.ButtonLabel).SingleLineText();
        RuleFor(d => d.BrandColor).Must(IsColor).WithMessage("Use a colour like #1f2937.");
        RuleFor(d => d.AccentColor).Must(IsColor).WithMessage("Use a colour like #4f46e5.");
        RuleFor(d => d.Font).Must(f => OfferDesign.Fonts.Contains(f)).WithMessage($"The font must be one of {string.Join(", ", OfferDesign.Fonts)}.");
        RuleFor(d => d.LogoUrl).Must(IsLogoUrl).WithMessage("The logo must be an https:// address or a path on this site starting with /.");
        RuleFor(d => d.Headline).MaximumLength(120).WithMessage("The headline must have at most 120 characters.");
        RuleFor(d => d.Subheadline).MaximumLength(240).WithMessage("The sub-headline must have at most 240 characters.");
        RuleFor(d => d.Bullets).NotNull().WithMessage("Bullets are a list; send [] for none.")
            .Must(b => b is null || b.Count <= 8).WithMessage("Use at most 8 bullet points.");
        RuleForEach(d => d.Bullets).NotEmpty().WithMessage("A bullet point cannot be empty.")
            .MaximumLength(140).WithMessage("A bullet point has at most 140 characters.");
        RuleFor(d => d.TestimonialQuote).MaximumLength(500).WithMessage("The testimonial must have at most 500 characters.");
        RuleFor(d => d.TestimonialAuthor).MaximumLength(100).WithMessage("The author must have at most 100 characters.");
        RuleFor(d => d.GuaranteeText).MaximumLength(300).WithMessage("The guarantee must have at most 300 characters.");
        RuleFor(d => d.ButtonLabel).NotEmpty().WithMessage("The pay button needs a label.")
            .MaximumLength(40).WithMessage("The button label has at most 40 characters.");
    }

    public static bool IsColor(string? value) => value is not null && ColorPattern().IsMatch(value);

    private static bool IsLogoUrl(string? url) =>
        string.IsNullOrEmpty(url)
        || (url.Length <= 500 && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        || (url.Length <= 500 && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps);

    [System.Text.RegularExpressions.GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial System.Text.RegularExpressions.Regex ColorPattern();
}

public sealed class OfferPaymentSettingsValidator : AbstractValidator<OfferPaymentSettings>
{
    public const int MaxCustomFields = 10;

    public OfferPaymentSettingsValidator()
    {
        RuleFor(p => p.CustomFields).NotNull().WithMessage("Custom fields are a list; send [] for none.")
            .Must(f => f is null || f.Count <= MaxCustomFields).WithMessage($"Use at most {MaxCustomFields} custom fields.")
            .Must(f => f is null || f.Where(x => x is not null).Select(x => x.Key).Distinct(StringComparer.Ordinal).Count() == f.Count(x => x is not null))
            .WithMessage("Each custom field needs its own key.");
        RuleForEach(p => p.CustomFields).NotNull().WithMessage("A custom field cannot be null.");
        RuleForEach(p => p.CustomFields).SetValidator(new CustomFieldValidator());
    }
}

public sealed partial class CustomFieldValidator : AbstractValidator<CustomField>
{
    public CustomFieldValidator()
    {
        RuleFor(f => f.Key).SingleLineText();
        RuleFor(f => f.Label).SingleLineText();
        RuleFor(f => f.Key).Must(k => k is not null && KeyPattern().IsMatch(k))
            .WithMessage("A field key has 1–40 lower-case letters, digits or '_', starting with a letter.");
        RuleFor(f => f.Label).NotEmpty().WithMessage("Give the field a label.")
            .MaximumLength(100).WithMessage("A label has at most 100 characters.");
        RuleFor(f => f.Type).IsInEnum().WithMessage("The type must be text, number, checkbox or date.");
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial System.Text.RegularExpressions.Regex KeyPattern();
}

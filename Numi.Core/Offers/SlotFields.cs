using System.Text.RegularExpressions;
using FluentValidation;
using Numi.Core.Common;

namespace Numi.Core.Offers;

public sealed record SlotOptionInput(Guid? Price, string? Label = null);

/// <summary>A slot as the merchant describes it. <see cref="Quantity"/> is the default quantity.</summary>
public sealed record SlotFields(
    string? Key,
    string? Name,
    Guid? Price,
    bool Required = true,
    int? Quantity = null,
    int? MinQuantity = null,
    int? MaxQuantity = null,
    IReadOnlyList<SlotOptionInput>? Options = null);

public sealed partial class SlotFieldsValidator : AbstractValidator<SlotFields>
{
    public const int MaxOptions = 10;
    public const int MaxQuantityLimit = 10_000;

    public SlotFieldsValidator()
    {
        RuleFor(s => s.Key).SingleLineText();
        RuleFor(s => s.Name).SingleLineText();
        RuleFor(s => s.Key).NotEmpty().WithMessage("Give the slot a key, e.g. coffee or grinder.")
            .Must(k => k is null || KeyPattern().IsMatch(k.Trim())).WithMessage("A slot key has 1–40 lower-case letters, digits or '_', starting with a letter.");
        RuleFor(s => s.Name).NotEmpty().WithMessage("Give the slot a name the shopper sees.")
            .MaximumLength(100).WithMessage("The name must have at most 100 characters.");
        RuleFor(s => s.Price).NotNull().WithMessage("Choose the slot's default price.");
        RuleFor(s => s.Quantity).InclusiveBetween(0, MaxQuantityLimit).WithMessage($"The quantity must be between 0 and {MaxQuantityLimit:N0}.");
        RuleFor(s => s.MinQuantity).InclusiveBetween(0, MaxQuantityLimit).WithMessage($"The minimum must be between 0 and {MaxQuantityLimit:N0}.");
        RuleFor(s => s.MinQuantity).GreaterThanOrEqualTo(1).When(s => s.Required && s.MinQuantity is not null)
            .WithMessage("A required slot sells at least 1; make the slot optional to allow 0.");
        RuleFor(s => s.MaxQuantity).InclusiveBetween(1, MaxQuantityLimit).WithMessage($"The maximum must be between 1 and {MaxQuantityLimit:N0}.");
        RuleFor(s => s.MaxQuantity).Must((s, max) => max is null || max >= Min(s))
            .WithMessage(s => $"The maximum cannot be below the minimum ({Min(s)}).");
        RuleFor(s => s.Quantity).Must((s, q) => q is null || (q >= Min(s) && (s.MaxQuantity is null || q <= s.MaxQuantity)))
            .WithMessage(s => $"The default quantity must be between the minimum ({Min(s)}) and the maximum ({s.MaxQuantity?.ToString() ?? "none"}).");
        RuleFor(s => s.Options).Must(o => o is null || o.Count <= MaxOptions).WithMessage($"A slot offers at most {MaxOptions} prices.");
        RuleForEach(s => s.Options).NotNull().WithMessage("An option cannot be null.").SetValidator(new SlotOptionValidator());
    }

    private static int Min(SlotFields s) => s.MinQuantity ?? (s.Required ? 1 : 0);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex KeyPattern();
}

public sealed class SlotOptionValidator : AbstractValidator<SlotOptionInput>
{
    public SlotOptionValidator()
    {
        RuleFor(o => o.Price).NotNull().WithMessage("Choose a price for this option.");
        RuleFor(o => o.Label).MaximumLength(60).WithMessage("An option label has at most 60 characters.").SingleLineText();
    }
}

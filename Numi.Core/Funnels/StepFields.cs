using FluentValidation;
using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>Everything a merchant edits on a step, replaced whole. <see cref="OfferId"/> is for checkout, upsell and
/// downsell steps, <see cref="OfferIds"/> for a product selection; <see cref="ControlWeight"/> splits traffic with
/// the step's variants.</summary>
public sealed record StepFields(
    string? Name,
    Guid? OfferId = null,
    IReadOnlyList<Guid>? OfferIds = null,
    IReadOnlyList<ContentBlock>? Blocks = null,
    int ControlWeight = StepVariant.MaxWeight) : IHasBlocks;

/// <summary>A variant's name, traffic weight, content and optional offer.</summary>
public sealed record VariantFields(string? Name, int Weight, IReadOnlyList<ContentBlock>? Blocks = null, Guid? OfferId = null) : IHasBlocks;

public interface IHasBlocks
{
    IReadOnlyList<ContentBlock>? Blocks { get; }
}

public sealed class StepFieldsValidator : AbstractValidator<StepFields>
{
    public const int MaxNameLength = 80;
    public const int MaxOffers = 10;

    public StepFieldsValidator()
    {
        RuleFor(s => s.Name).SingleLineText();
        RuleFor(s => s.Name).NotEmpty().WithMessage("Give the step a name.")
            .MaximumLength(MaxNameLength).WithMessage($"A step's name has at most {MaxNameLength} characters.");
        RuleFor(s => s.OfferIds).Must(o => o is null || o.Count <= MaxOffers).WithMessage($"A product selection offers at most {MaxOffers} offers.");
        RuleFor(s => s.ControlWeight).InclusiveBetween(0, StepVariant.MaxWeight)
            .WithMessage($"The control's weight is from 0 to {StepVariant.MaxWeight}.");
        Include(new BlocksValidator<StepFields>());
    }
}

public sealed class VariantFieldsValidator : AbstractValidator<VariantFields>
{
    public VariantFieldsValidator()
    {
        RuleFor(v => v.Name).SingleLineText();
        RuleFor(v => v.Name).NotEmpty().WithMessage("Give the variant a name.")
            .MaximumLength(60).WithMessage("A variant's name has at most 60 characters.");
        RuleFor(v => v.Weight).InclusiveBetween(1, StepVariant.MaxWeight)
            .WithMessage($"A variant's weight is from 1 to {StepVariant.MaxWeight}.");
        Include(new BlocksValidator<VariantFields>());
    }
}

/// <summary>A step's (or variant's) blocks: at most <see cref="ContentBlock.MaxPerStep"/>, each valid for its type.</summary>
public sealed class BlocksValidator<T> : AbstractValidator<T> where T : IHasBlocks
{
    public BlocksValidator()
    {
        RuleFor(s => s.Blocks).Must(b => b is null || b.Count <= ContentBlock.MaxPerStep)
            .WithMessage($"A step has at most {ContentBlock.MaxPerStep} blocks.");
        RuleForEach(s => s.Blocks).NotNull().WithMessage("A block cannot be null.").SetValidator(new ContentBlockValidator());
    }
}

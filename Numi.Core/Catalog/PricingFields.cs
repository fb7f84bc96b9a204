using FluentValidation;

namespace Numi.Core.Catalog;

/// <summary>A tier as a merchant enters it. <see cref="From"/> is optional: the first unit is always the previous
/// tier's <c>up_to</c> + 1, and when given it is only checked, so a gap or an overlap is caught and named.</summary>
public sealed record TierInput(long? UpTo, long? UnitAmount, long? FlatAmount = null, long? From = null);

/// <summary>A package price: every started <see cref="Size"/> units cost <see cref="UnitAmount"/>.</summary>
public sealed record PackageInput(long? Size, long? UnitAmount);

/// <summary>The amounts of a price as commands carry them, shared by creating a price and changing its amounts.</summary>
public interface IPricingFields
{
    BillingScheme? BillingScheme { get; }
    long? UnitAmount { get; }
    PackageInput? Package { get; }
    TiersMode? TiersMode { get; }
    IReadOnlyList<TierInput>? Tiers { get; }
}

public static class PricingFields
{
    /// <summary>The largest amount a price may name, per unit, package or tier: Stripe's eight digits and more.</summary>
    public const long MaxAmount = 99_999_999_999;
    public const int MaxTiers = 50;

    /// <summary>The model of validated fields.</summary>
    public static PricingModel ToModel(this IPricingFields fields) => fields.BillingScheme switch
    {
        Catalog.BillingScheme.Package => PricingModel.Package(fields.Package!.Size!.Value, fields.Package.UnitAmount!.Value),
        Catalog.BillingScheme.Tiered => PricingModel.Tiered(fields.TiersMode!.Value,
            [.. fields.Tiers!.Select(t => new PriceTier(t.UpTo, t.UnitAmount ?? 0, t.FlatAmount))]),
        _ => PricingModel.PerUnit(fields.UnitAmount!.Value),
    };
}

/// <summary>The rules every price's amounts follow, whichever command carries them.</summary>
public sealed class PricingFieldsValidator<T> : AbstractValidator<T> where T : IPricingFields
{
    public PricingFieldsValidator()
    {
        RuleFor(f => f.BillingScheme).NotNull().WithMessage("Choose a billing scheme: per_unit, package or tiered.")
            .IsInEnum().WithMessage("The billing scheme must be per_unit, package or tiered.");

        When(f => f.BillingScheme == BillingScheme.PerUnit, () =>
        {
            RuleFor(f => f.UnitAmount).NotNull().WithMessage("Enter the price of one unit.");
            RuleFor(f => f.UnitAmount).Amount();
        });

        When(f => f.BillingScheme == BillingScheme.Package, () =>
        {
            RuleFor(f => f.Package).NotNull().WithMessage("A package price needs a package size and a package amount.");
            RuleFor(f => f.Package!.Size).NotNull().WithMessage("Enter how many units a package holds.")
                .GreaterThanOrEqualTo(1).WithMessage("A package holds at least 1 unit.")
                .LessThanOrEqualTo(1_000_000_000).WithMessage("A package holds at most 1,000,000,000 units.")
                .When(f => f.Package is not null);
            RuleFor(f => f.Package!.UnitAmount).NotNull().WithMessage("Enter the price of one package.").When(f => f.Package is not null);
            RuleFor(f => f.Package!.UnitAmount).Amount().When(f => f.Package is not null);
        });

        When(f => f.BillingScheme == BillingScheme.Tiered, () =>
        {
            RuleFor(f => f.TiersMode).NotNull().WithMessage("Choose graduated or volume tiers.")
                .IsInEnum().WithMessage("The tiers mode must be graduated or volume.");
            RuleFor(f => f.Tiers).NotEmpty().WithMessage("A tiered price needs at least one tier.")
                .Must(t => t is null || t.Count <= PricingFields.MaxTiers).WithMessage($"A price has at most {PricingFields.MaxTiers} tiers.");
            RuleFor(f => f.Tiers).Custom((tiers, context) =>
            {
                for (var i = 0; tiers is not null && i < tiers.Count && i < PricingFields.MaxTiers; i++) CheckTier(tiers, i, context);
            });
        });

        RuleFor(f => f.Tiers).Empty().When(f => f.BillingScheme is BillingScheme.PerUnit or BillingScheme.Package)
            .WithMessage("Only a tiered price has tiers.");
        RuleFor(f => f.Package).Null().When(f => f.BillingScheme is BillingScheme.PerUnit or BillingScheme.Tiered)
            .WithMessage("Only a package price has a package.");
        RuleFor(f => f.TiersMode).Null().When(f => f.BillingScheme is BillingScheme.PerUnit or BillingScheme.Package)
            .WithMessage("Only a tiered price has a tiers mode.");
        RuleFor(f => f.UnitAmount).Null().When(f => f.BillingScheme is BillingScheme.Tiered or BillingScheme.Package)
            .WithMessage("A tiered or package price keeps its amounts in its tiers or package, not in unit_amount.");
    }

    private static void CheckTier(IReadOnlyList<TierInput> tiers, int index, ValidationContext<T> context)
    {
        var tier = tiers[index];
        if (tier is null)
        {
            context.AddFailure($"Tiers[{index}]", $"Tier {index + 1} is empty.");
            return;
        }
        var path = $"Tiers[{index}]";
        var number = index + 1;
        var isLast = index == tiers.Count - 1;
        var previousUpTo = index == 0 ? 0 : tiers[index - 1]?.UpTo;

        if (tier.UnitAmount is null && tier.FlatAmount is null)
            context.AddFailure(Failure($"{path}.UnitAmount", $"Tier {number} needs a unit amount, a flat amount or both.", "NotNullValidator"));
        if (tier.UnitAmount is { } unit && (unit < 0 || unit > PricingFields.MaxAmount))
            context.AddFailure($"{path}.UnitAmount", AmountMessage(unit));
        if (tier.FlatAmount is { } flat && (flat < 0 || flat > PricingFields.MaxAmount))
            context.AddFailure($"{path}.FlatAmount", AmountMessage(flat));

        if (tier.UpTo is null && !isLast)
            context.AddFailure($"{path}.UpTo", $"Only the last tier can be open-ended; tier {number} needs an upper bound.");
        else if (tier.UpTo is not null && isLast)
            context.AddFailure($"{path}.UpTo", $"The last tier must be open-ended: leave its upper bound empty (∞) so every quantity has a price.");
        else if (tier.UpTo is { } upTo)
        {
            if (upTo < 1) context.AddFailure($"{path}.UpTo", $"Tier {number} must end at 1 or more.");
            else if (previousUpTo is { } before && upTo <= before)
                context.AddFailure($"{path}.UpTo", $"Tiers must go up: tier {number} ends at {upTo}, which is not after tier {index}'s end at {before}.");
        }

        if (tier.From is { } from && previousUpTo is { } previous)
        {
            var expected = previous + 1;
            if (from > expected)
                context.AddFailure($"{path}.From", index == 0
                    ? $"The first tier must start at 1; units 1–{from - 1} would have no price."
                    : $"Gap: tier {number} starts at {from} but tier {index} ends at {previous}, so units {expected}–{from - 1} would have no price.");
            else if (from < expected)
                context.AddFailure($"{path}.From", index == 0
                    ? "The first tier must start at 1."
                    : $"Overlap: tier {number} starts at {from} but tier {index} already covers up to {previous}.");
        }
    }

    private static FluentValidation.Results.ValidationFailure Failure(string property, string message, string code) =>
        new(property, message) { ErrorCode = code };

    internal static string AmountMessage(long amount) => amount < 0
        ? "Amounts cannot be negative."
        : $"Amounts can be at most {PricingFields.MaxAmount:N0} in minor units.";
}

internal static class AmountRules
{
    public static IRuleBuilderOptions<T, long?> Amount<T>(this IRuleBuilder<T, long?> rule) =>
        rule.Must(a => a is null or >= 0 and <= PricingFields.MaxAmount)
            .WithMessage((_, a) => PricingFieldsValidator<IPricingFields>.AmountMessage(a ?? 0));
}

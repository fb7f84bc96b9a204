using FluentValidation;
using Numi.Core.Common;

namespace Numi.Core.Subscriptions;

/// <summary>What the merchant sets on a plan, from the plan form or the API.</summary>
public sealed record PlanFields(string? Name, PlanSettings? Settings);

public sealed class PlanFieldsValidator : AbstractValidator<PlanFields>
{
    public PlanFieldsValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("Give the plan a name, e.g. Pro monthly.")
            .MaximumLength(Plan.MaxNameLength).WithMessage($"A plan name has at most {Plan.MaxNameLength} characters.")
            .SingleLineText().WithMessage("A plan name must be one line without control characters.");
        RuleFor(f => f.Settings).NotNull().WithMessage("Give the plan its settings.").SetValidator(new PlanSettingsValidator()!);
    }
}

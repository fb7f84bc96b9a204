using FluentValidation;
using Numi.Core.Common;

namespace Numi.Core.Dunning;

/// <summary>An edited campaign: its days and each email. Every placeholder must be one Numi knows (a misspelt one would
/// reach the customer as braces), and every body must carry the link to update the card: without it the email asks
/// for something the customer cannot do.</summary>
public sealed class DunningCampaignValidator : AbstractValidator<DunningCampaign>
{
    public DunningCampaignValidator()
    {
        RuleFor(c => c.Steps).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("A campaign sends at least one email.")
            .Must(s => s.Count <= DunningCampaign.MaxSteps).WithMessage($"A campaign sends at most {DunningCampaign.MaxSteps} emails.")
            .Must(Ascending).WithMessage("Each email goes out on a later day than the one before.");
        // JSON can carry a null where a step belongs; refused here rather than stored as an email that is not there.
        RuleForEach(c => c.Steps).NotNull().WithMessage("Each step of a campaign needs its day and email.");
        RuleForEach(c => c.Steps).ChildRules(step =>
        {
            step.RuleFor(s => s.Day).InclusiveBetween(0, DunningCampaign.MaxDay)
                .WithMessage($"An email goes out 0 to {DunningCampaign.MaxDay} days after the failed payment.");
            step.RuleFor(s => s.Email).NotNull().WithMessage("Write the email for this day.").SetValidator(new DunningTemplateValidator());
        });
    }

    private static bool Ascending(IReadOnlyList<DunningStep> steps)
    {
        for (var i = 1; i < steps.Count; i++)
            if (steps[i] is not null && steps[i - 1] is not null && steps[i].Day <= steps[i - 1].Day) return false;
        return true;
    }
}

public sealed class DunningTemplateValidator : AbstractValidator<DunningTemplate>
{
    public const int MaxSubject = 150;
    public const int MaxBody = 5_000;

    public DunningTemplateValidator()
    {
        RuleFor(t => t.Subject).SingleLineText();
        RuleFor(t => t.Body).MultiLineText();
        RuleFor(t => t.Subject).NotEmpty().WithMessage("Give the email a subject.")
            .MaximumLength(MaxSubject).WithMessage($"A subject has at most {MaxSubject} characters.");
        RuleFor(t => t.Body).NotEmpty().WithMessage("Write the email's text.")
            .MaximumLength(MaxBody).WithMessage($"An email's text has at most {MaxBody:N0} characters.");
        RuleFor(t => t.Subject).Custom((text, context) => Placeholders(text, context));
        RuleFor(t => t.Body).Custom((text, context) => Placeholders(text, context));
        RuleFor(t => t.Body).Must(b => TemplateText.Used(b).Contains("update_card_url"))
            .When(t => !string.IsNullOrEmpty(t.Body))
            .WithMessage("Put {{update_card_url}} in the text: it is how the customer fixes the payment.");
    }

    private static void Placeholders(string? text, ValidationContext<DunningTemplate> context)
    {
        if (string.IsNullOrEmpty(text)) return;
        foreach (var problem in TemplateText.Problems(text)) context.AddFailure(problem);
    }
}

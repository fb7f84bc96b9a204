using FluentValidation;
using Numi.Core.Dunning;

namespace Numi.Core.Subscriptions;

/// <summary>What makes a recurring price a plan: its trial, the emails that follow a failed renewal and how renewals are
/// retried. The entity that stores it (and its price) comes with the rest of issue 13; this is the shape the plan form
/// and the API validate.</summary>
public sealed record PlanSettings(int TrialDays, DunningCampaign Campaign, RetrySettings Retry)
{
    /// <summary>Two years: Stripe's own limit on a trial.</summary>
    public const int MaxTrialDays = 730;

    /// <summary>No trial, the standard campaign, the default retry settings.</summary>
    public static PlanSettings Default { get; } = new(0, DunningCampaign.From(DunningPreset.Standard), RetrySettings.Default);

    /// <summary>When a trial that started at <paramref name="start"/> ends: whole 24-hour days, as Stripe adds
    /// <c>trial_period_days</c> × 86,400 seconds (so across a daylight-saving change the local hour moves); null without
    /// a trial.</summary>
    public DateTime? TrialEnd(DateTime start) => TrialDays == 0 ? null : DateTime.SpecifyKind(start, DateTimeKind.Utc).AddDays(TrialDays);
}

public sealed class PlanSettingsValidator : AbstractValidator<PlanSettings>
{
    public PlanSettingsValidator()
    {
        RuleFor(p => p.TrialDays).InclusiveBetween(0, PlanSettings.MaxTrialDays)
            .WithMessage($"A trial lasts 0 to {PlanSettings.MaxTrialDays} days (0 for none).");
        RuleFor(p => p.Campaign).NotNull().WithMessage("Choose a dunning campaign: standard, aggressive or gentle.")
            .SetValidator(new DunningCampaignValidator());
        RuleFor(p => p.Retry).NotNull().WithMessage("Give the plan its retry settings.")
            .SetValidator(new RetrySettingsValidator());
    }
}

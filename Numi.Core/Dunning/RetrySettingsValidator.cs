using FluentValidation;
using Numi.Core.Common;

namespace Numi.Core.Dunning;

/// <summary>The plan form's and the API's rules for <see cref="RetrySettings"/>; each message says what would pass.</summary>
public sealed class RetrySettingsValidator : AbstractValidator<RetrySettings>
{
    public RetrySettingsValidator()
    {
        RuleFor(s => s.Strategy).IsInEnum().WithMessage("The retry strategy must be mi_optimized, fixed, aggressive or conservative.");
        RuleFor(s => s.AfterLastRetry).IsInEnum().WithMessage("After the last retry Numi can start the save_flow, cancel, pause or send to manual_review.");
        RuleFor(s => s.MaxRetries).InclusiveBetween(1, RetrySettings.MaxRetriesLimit)
            .WithMessage($"Allow 1 to {RetrySettings.MaxRetriesLimit} retries (the default is {RetrySettings.DefaultMaxRetries}).");
        RuleFor(s => s.MaxDays).InclusiveBetween(1, RetrySettings.MaxDaysLimit)
            .WithMessage($"Retries may go on for 1 to {RetrySettings.MaxDaysLimit} days (the default is {RetrySettings.DefaultMaxDays}).");
        RuleFor(s => s.WindowStartHour).InclusiveBetween(0, 23).WithMessage("The window starts at an hour from 0 to 23.");
        RuleFor(s => s.WindowEndHour).InclusiveBetween(0, 23).WithMessage("The window ends at an hour from 0 to 23.");
        RuleFor(s => s.WindowEndHour).GreaterThanOrEqualTo(s => s.WindowStartHour)
            .When(s => s.WindowStartHour is >= 0 and <= 23 && s.WindowEndHour is >= 0 and <= 23)
            .WithMessage("The window cannot end before it starts: give a start hour no later than its end hour (0 to 23 allows any hour).");
        RuleFor(s => s.TimeZone).SingleLineText();
        RuleFor(s => s.TimeZone).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Choose the time zone of the retry window, e.g. America/Chicago.")
            .KnownTimeZone();

        RuleFor(s => s.FixedDays).NotNull().When(s => s.Strategy == RetryStrategy.Fixed)
            .WithMessage("A fixed schedule needs its days, e.g. 1, 3, 5, 7.");
        RuleFor(s => s.FixedDays).Null().When(s => s.Strategy != RetryStrategy.Fixed)
            .WithMessage("Only the fixed strategy takes days; the others follow their own schedule.");
        RuleFor(s => s.FixedDays!).Must(d => d.Count > 0).WithMessage("A fixed schedule needs at least one day, e.g. 1, 3, 5, 7.")
            .Must(d => d.All(day => day > 0)).WithMessage("Each day of a fixed schedule is a whole number of days after the failure, 1 or more.")
            .Must(Ascending).WithMessage("The days of a fixed schedule must go up, each later than the one before, e.g. 1, 3, 5, 7.")
            .Must((s, d) => d.All(day => day <= s.MaxDays)).WithMessage(s => $"Each day of a fixed schedule must fall within the maximum of {s.MaxDays} days.")
            .Must((s, d) => d.Count <= s.MaxRetries).WithMessage(s => $"A fixed schedule has at most as many days as retries allowed ({s.MaxRetries}).")
            .When(s => s.Strategy == RetryStrategy.Fixed && s.FixedDays is not null);
    }

    private static bool Ascending(IReadOnlyList<int> days)
    {
        for (var i = 1; i < days.Count; i++)
            if (days[i] <= days[i - 1]) return false;
        return true;
    }
}

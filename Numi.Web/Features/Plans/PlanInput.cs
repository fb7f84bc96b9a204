using System.Text.RegularExpressions;
using Numi.Core.Dunning;
using Numi.Core.Subscriptions;
using Numi.Web.Components.Kit;

namespace Numi.Web.Features.Plans;

/// <summary>One email of the campaign as typed.</summary>
public sealed class StepInput
{
    public int? Day { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";

    public DunningTemplate Template => new(Subject, Body);
}

/// <summary>The plan form's values as typed. <see cref="Fields"/> turns them into what <c>CreatePlan</c> and
/// <c>UpdatePlan</c> validate; only what cannot be put into those types (an empty number, a day list that is not
/// numbers) is refused here, under the same field names the core uses.</summary>
public sealed partial class PlanInput
{
    public string? Name { get; set; }
    public Guid? PriceId { get; set; }
    public int? TrialDays { get; set; } = 0;
    public RetryStrategy Strategy { get; set; } = RetrySettings.Default.Strategy;
    /// <summary>"1, 3, 5, 7", for the fixed strategy.</summary>
    public string? FixedDays { get; set; }
    public int? MaxRetries { get; set; } = RetrySettings.DefaultMaxRetries;
    public int? MaxDays { get; set; } = RetrySettings.DefaultMaxDays;
    public bool PaydayLearning { get; set; } = true;
    public bool TimeOfDayLearning { get; set; } = true;
    public bool WeekdayLearning { get; set; } = true;
    public int? WindowStartHour { get; set; } = RetrySettings.Default.WindowStartHour;
    public int? WindowEndHour { get; set; } = RetrySettings.Default.WindowEndHour;
    public string TimeZone { get; set; } = RetrySettings.Default.TimeZone;
    public bool FailureEmail { get; set; } = true;
    public bool SmsReminder { get; set; }
    public AfterLastRetry AfterLastRetry { get; set; } = RetrySettings.Default.AfterLastRetry;
    public bool SuggestBillingDate { get; set; } = true;
    public List<StepInput> Steps { get; set; } = StepsOf(DunningCampaign.From(DunningPreset.Standard));

    public const string Prefix = "settings.";

    public PlanFields Fields(FormErrors errors) => new(Name, Settings(errors));

    public PlanSettings Settings(FormErrors errors) => new(TrialDays ?? 0, Campaign(errors), Retry(errors));

    public RetrySettings Retry(FormErrors errors) => new(
        Strategy, Strategy == RetryStrategy.Fixed ? Days(errors) : null,
        Number(MaxRetries, "retry.max_retries", "Enter the most retries, e.g. 4.", errors),
        Number(MaxDays, "retry.max_days", "Enter the most days, e.g. 14.", errors),
        PaydayLearning, TimeOfDayLearning, WeekdayLearning,
        Number(WindowStartHour, "retry.window_start_hour", "Enter the hour the window opens, 0 to 23.", errors),
        Number(WindowEndHour, "retry.window_end_hour", "Enter the hour the window closes, 0 to 23.", errors),
        TimeZone, FailureEmail, SmsReminder, AfterLastRetry, SuggestBillingDate);

    public DunningCampaign Campaign(FormErrors errors) =>
        new([.. Steps.Select((s, i) => new DunningStep(Number(s.Day, $"campaign.steps[{i}].day", "Enter the day this email is sent.", errors), s.Template))]);

    public void UsePreset(DunningPreset preset) => Steps = StepsOf(DunningCampaign.From(preset));

    private List<int> Days(FormErrors errors)
    {
        var days = new List<int>();
        foreach (var part in (FixedDays ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, out var day)) days.Add(day);
            else
            {
                errors.Add(Prefix + "retry.fixed_days", "List the retry days as numbers, e.g. 1, 3, 5, 7.");
                return [];
            }
        }
        return days;
    }

    private static int Number(int? value, string field, string message, FormErrors errors)
    {
        if (value is { } number) return number;
        errors.Add(Prefix + field, message);
        return 0;
    }

    /// <summary>A field of one email the form shows: <c>settings.campaign.steps[2].email.body</c>.</summary>
    public static bool IsStepField(string field) => StepField().IsMatch(field);

    [GeneratedRegex(@"^settings\.campaign\.steps\[\d+\]\.(day|email\.subject|email\.body)$")]
    private static partial Regex StepField();

    private static List<StepInput> StepsOf(DunningCampaign campaign) =>
        [.. campaign.Steps.Select(s => new StepInput { Day = s.Day, Subject = s.Email.Subject, Body = s.Email.Body })];

    public static PlanInput From(PlanDetails plan)
    {
        var retry = plan.Settings.Retry;
        return new PlanInput
        {
            Name = plan.Name, TrialDays = plan.Settings.TrialDays, Strategy = retry.Strategy,
            FixedDays = retry.FixedDays is { } days ? string.Join(", ", days) : null, MaxRetries = retry.MaxRetries, MaxDays = retry.MaxDays,
            PaydayLearning = retry.PaydayLearning, TimeOfDayLearning = retry.TimeOfDayLearning, WeekdayLearning = retry.WeekdayLearning,
            WindowStartHour = retry.WindowStartHour, WindowEndHour = retry.WindowEndHour, TimeZone = retry.TimeZone,
            FailureEmail = retry.FailureEmail, SmsReminder = retry.SmsReminder, AfterLastRetry = retry.AfterLastRetry,
            SuggestBillingDate = retry.SuggestBillingDate, Steps = StepsOf(plan.Settings.Campaign),
        };
    }
}

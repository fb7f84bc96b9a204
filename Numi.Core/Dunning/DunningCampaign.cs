namespace Numi.Core.Dunning;

/// <summary>The three presets a plan starts from (<c>standard</c>, <c>aggressive</c>, <c>gentle</c> on the wire).</summary>
public enum DunningPreset { Standard, Aggressive, Gentle }

/// <summary>One email of a campaign: its subject and body with placeholders (see <see cref="TemplateText"/>).</summary>
public sealed record DunningTemplate(string Subject, string Body)
{
    /// <summary>The subject and body as a sample customer would receive them.</summary>
    public DunningTemplate Preview() => Render(TemplateText.SampleValues);

    public DunningTemplate Render(IReadOnlyDictionary<string, string> values) =>
        new(TemplateText.Render(Subject, values), TemplateText.Render(Body, values));
}

/// <summary>An email sent <see cref="Day"/> days after the first failure.</summary>
public sealed record DunningStep(int Day, DunningTemplate Email);

/// <summary>The emails that follow a failed renewal. Campaigns are copied from a preset and then edited: the preset
/// itself never changes, so a plan that kept it reads the same tomorrow.</summary>
public sealed record DunningCampaign(IReadOnlyList<DunningStep> Steps)
{
    public const int MaxSteps = 10;
    public const int MaxDay = 60;

    /// <summary>The step to send at <paramref name="now"/> for an invoice that first failed at <paramref name="firstFailedAt"/>:
    /// the latest whose day has come, days being 24 hours as the retry limits count them. A step passed over while
    /// nobody looked is not sent late once a later one is due: the customer gets the current reminder, not a backlog.</summary>
    public DunningStep? DueStep(DateTime firstFailedAt, DateTime now) =>
        Steps.Where(s => firstFailedAt.AddDays(s.Day) <= now).MaxBy(s => s.Day);

    /// <summary>Standard: days 1, 3, 7, 14. Aggressive: 1, 2, 4, 7 (for a service the customer uses daily). Gentle:
    /// 3, 7, 14, 30 (for customers who react badly to pressure, or large yearly amounts).</summary>
    public static DunningCampaign From(DunningPreset preset) => preset switch
    {
        DunningPreset.Standard => Build(1, 3, 7, 14),
        DunningPreset.Aggressive => Build(1, 2, 4, 7),
        DunningPreset.Gentle => Build(3, 7, 14, 30),
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "Not a dunning preset."),
    };

    private static DunningCampaign Build(params int[] days) =>
        new([.. days.Select((day, i) => new DunningStep(day, i == 0 ? First : i == days.Length - 1 ? Last : Reminder))]);

    private const string Details = "Invoice {{invoice_number}}. About the next attempt: {{retry_reason}}.\n\n";

    private static readonly DunningTemplate First = new(
        "Your payment for {{product_name}} didn't go through",
        "Hi {{customer_name}},\n\nWe couldn't take your payment of {{amount}} for {{product_name}}. We'll try again on "
        + "{{next_retry_date}}; to make sure it works, you can update your card here:\n{{update_card_url}}\n\n" + Details + "Thanks,\n{{merchant_name}}");

    private static readonly DunningTemplate Reminder = new(
        "Reminder: please update your card for {{product_name}}",
        "Hi {{customer_name}},\n\nYour payment of {{amount}} for {{product_name}} is still outstanding. We'll try again on "
        + "{{next_retry_date}}. Updating your card takes a minute:\n{{update_card_url}}\n\n" + Details + "Thanks,\n{{merchant_name}}");

    private static readonly DunningTemplate Last = new(
        "Last notice: your {{product_name}} subscription is at risk",
        "Hi {{customer_name}},\n\nWe still couldn't take your payment of {{amount}} for {{product_name}}, and this is our last "
        + "reminder. Please update your card now to keep your subscription:\n{{update_card_url}}\n\nThanks,\n{{merchant_name}}");
}

using System.Text.Json;
using Numi.Core.Dunning;

namespace Numi.Web.Features.Plans;

/// <summary>How the plan pages word a plan's settings.</summary>
public static class PlanText
{
    /// <summary>A wire name as the API writes it: <c>mi_optimized</c>, <c>save_flow</c>.</summary>
    public static string Wire<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static string Trial(int days) => days switch { 0 => "none", 1 => "1 day", _ => $"{days} days" };

    /// <summary>"fixed (1, 3, 5, 7)" or the strategy's name.</summary>
    public static string Strategy(RetrySettings retry) => retry.Strategy == RetryStrategy.Fixed && retry.FixedDays is { Count: > 0 } days
        ? $"fixed ({string.Join(", ", days)})"
        : Wire(retry.Strategy);

    /// <summary>The preset whose days the campaign keeps, or "custom", with its days: "standard · days 1, 3, 7, 14".</summary>
    public static string Campaign(DunningCampaign campaign)
    {
        var days = campaign.Steps.Select(s => s.Day).ToList();
        var preset = PresetOf(campaign);
        return $"{(preset is { } p ? Wire(p) : "custom")} · days {string.Join(", ", days)}";
    }

    public static DunningPreset? PresetOf(DunningCampaign campaign)
    {
        foreach (var preset in Enum.GetValues<DunningPreset>())
            if (DunningCampaign.From(preset).Steps.Select(s => s.Day).SequenceEqual(campaign.Steps.Select(s => s.Day))) return preset;
        return null;
    }
}

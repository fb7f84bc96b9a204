using Numi.Contracts.Funnels;

namespace Numi.Web.Client.Funnels;

/// <summary>The rules the canvas checks before it saves a test's traffic split. The runtime splits visitors by the
/// weights' shares, so any total would run; the canvas asks for percentages that add up to 100 so what the merchant
/// reads is what visitors get.</summary>
public static class FunnelVariants
{
    /// <summary>The arm that shows the step's own content (the API's <c>control</c>).</summary>
    public const string Control = "control";

    public const int Total = 100;

    /// <summary>What is wrong with a split, in the merchant's words, or null when it can be saved.</summary>
    public static string? SplitProblem(int control, IEnumerable<(string Name, int Weight)> variants)
    {
        if (control is < 0 or > Total) return $"the control's share is from 0 to {Total}.";
        var total = control;
        foreach (var (name, weight) in variants)
        {
            if (weight is < 1 or > Total) return $"{name}'s share is from 1 to {Total}.";
            total += weight;
        }
        return total == Total ? null : $"the control and the variants must add up to {Total}.";
    }

    /// <summary>The split the server holds, as one string that changes whenever any weight or variant does.</summary>
    public static string SplitOf(FunnelStepData step) =>
        string.Join(',', step.Variants.Select(v => $"{v.Key}={v.Weight}").Prepend($"{Control}={step.ControlWeight}"));
}

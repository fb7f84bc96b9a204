using System.Globalization;

namespace Numi.Core.Funnels.Experiments;

/// <summary>Compares each variant of a funnel step with its control: conversion rate, revenue per visitor, relative
/// uplift, and a pooled two-proportion z-test with its two-sided p-value, ending in a verdict a merchant can read.
/// <para>The test, for control A and variant B: p̂ = (cA + cB) / (nA + nB), SE = √(p̂(1 − p̂)(1/nA + 1/nB)),
/// z = (cB/nB − cA/nA) / SE, p = 2(1 − Φ(|z|)). Each variant is tested alone against the control; with several variants
/// the chance that one of them looks significant by luck grows, which the summary does not correct for.</para>
/// <para>Counts come from Numi's own records, so impossible ones (negative, more conversions than visitors, duplicate
/// keys) are a bug upstream and throw <see cref="ArgumentException"/> rather than return a failure.</para></summary>
public static class AbComparison
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static AbComparisonResult Compare(AbArm control, IReadOnlyList<AbArm> variants, AbThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(variants);
        thresholds ??= AbThresholds.Default;
        thresholds.Check();
        if (variants.Count == 0) throw new ArgumentException("Compare at least one variant with the control.", nameof(variants));
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var arm in variants.Prepend(control))
        {
            CheckArm(arm, nameof(variants));
            if (!keys.Add(arm.Key)) throw new ArgumentException($"Two arms share the key '{arm.Key}'.", nameof(variants));
        }

        var controlResult = Describe(control);
        var variantResults = variants.Select(Describe).ToList();
        var comparisons = variants.Select(v => Judge(control, v, thresholds)).ToList();
        return new AbComparisonResult(controlResult, variantResults, comparisons);
    }

    /// <summary>Revenue per visitor in whole minor units, rounded half away from zero, in integer arithmetic only.</summary>
    public static long RevenuePerVisitor(long revenueMinor, long visitors)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(visitors, 1);
        var quotient = Math.DivRem(revenueMinor, visitors, out var remainder);
        // |remainder| ≥ visitors − |remainder| is 2|remainder| ≥ visitors without the overflow of doubling.
        var magnitude = Math.Abs(remainder);
        if (magnitude >= visitors - magnitude) quotient += Math.Sign(remainder);
        return quotient;
    }

    private static void CheckArm(AbArm arm, string param)
    {
        if (arm is null) throw new ArgumentException("An arm is missing.", param);
        if (string.IsNullOrWhiteSpace(arm.Key)) throw new ArgumentException("Every arm needs a key.", param);
        if (arm.Visitors < 0) throw new ArgumentException($"Arm '{arm.Key}' has a negative visitor count.", param);
        if (arm.Conversions < 0 || arm.Conversions > arm.Visitors)
            throw new ArgumentException($"Arm '{arm.Key}' has {arm.Conversions} conversions for {arm.Visitors} visitors.", param);
        if (arm.RevenueMinor < 0) throw new ArgumentException($"Arm '{arm.Key}' has negative revenue.", param);
    }

    private static AbArmResult Describe(AbArm arm) => new(
        arm.Key, arm.Name, arm.Visitors, arm.Conversions, arm.RevenueMinor,
        arm.Visitors == 0 ? null : (double)arm.Conversions / arm.Visitors,
        arm.Visitors == 0 ? null : RevenuePerVisitor(arm.RevenueMinor, arm.Visitors));

    private static AbVariantComparison Judge(AbArm control, AbArm variant, AbThresholds thresholds)
    {
        double? uplift = null;
        if (control.Visitors > 0 && variant.Visitors > 0 && control.Conversions > 0)
        {
            var controlRate = (double)control.Conversions / control.Visitors;
            uplift = ((double)variant.Conversions / variant.Visitors - controlRate) / controlRate;
        }

        var missing = new[] { Shortfall(control, "control", thresholds), Shortfall(variant, $"variant {variant.Name}", thresholds) }
            .Where(s => s is not null).ToList();
        if (missing.Count > 0)
        {
            var text = string.Create(Invariant, $"Not enough data yet: each arm needs at least {thresholds.MinVisitors:N0} visitors, {thresholds.MinConversions:N0} conversions and {thresholds.MinNonConversions:N0} visitors who did not convert ({string.Join("; ", missing)}).");
            return new AbVariantComparison(variant.Key, control.Key, uplift, null, null, new AbVerdict.NotEnoughData(text));
        }

        var z = ZScore(control.Conversions, control.Visitors, variant.Conversions, variant.Visitors);
        var p = StandardNormal.TwoSidedPValue(z);
        return new AbVariantComparison(variant.Key, control.Key, uplift, z, p, Verdict(control, variant, uplift, p, thresholds));
    }

    /// <summary>The pooled two-proportion z statistic, positive when the variant converts better. Needs a pooled rate
    /// strictly between 0 and 1 (the thresholds guarantee it).</summary>
    public static double ZScore(long controlConversions, long controlVisitors, long variantConversions, long variantVisitors)
    {
        if (controlVisitors < 1 || variantVisitors < 1) throw new ArgumentException("Both arms need visitors for a z-test.");
        var pooled = (double)(controlConversions + variantConversions) / (controlVisitors + variantVisitors);
        var standardError = Math.Sqrt(pooled * (1 - pooled) * (1.0 / controlVisitors + 1.0 / variantVisitors));
        if (standardError == 0) throw new ArgumentException("The z-test is undefined when both arms convert at 0% or at 100%.");
        var difference = (double)variantConversions / variantVisitors - (double)controlConversions / controlVisitors;
        return difference / standardError;
    }

    private static string? Shortfall(AbArm arm, string label, AbThresholds thresholds)
    {
        var nonConversions = arm.Visitors - arm.Conversions;
        if (arm.Visitors < thresholds.MinVisitors) return $"{label} has {Count(arm.Visitors, "visitor")}";
        if (arm.Conversions < thresholds.MinConversions) return $"{label} has {Count(arm.Conversions, "conversion")}";
        if (nonConversions < thresholds.MinNonConversions)
            return $"{label} has {Count(nonConversions, "visitor")} who did not convert";
        return null;
    }

    private static AbVerdict Verdict(AbArm control, AbArm variant, double? uplift, double p, AbThresholds thresholds)
    {
        var rates = $"{Percent((double)variant.Conversions / variant.Visitors)} against control's {Percent((double)control.Conversions / control.Visitors)}";
        var change = uplift is { } u ? $" ({(u >= 0 ? "+" : "−")}{Percent(Math.Abs(u))})" : "";
        var evidence = $"p = {p.ToString(p < 0.0001 ? "0.0e+0" : "0.0000", Invariant)}";
        if (p >= thresholds.Alpha)
            return new AbVerdict.NoSignificantDifference(
                $"No significant difference at {thresholds.ConfidenceText} confidence: variant {variant.Name} converts {rates}{change}, {evidence}.");
        var variantRate = (double)variant.Conversions / variant.Visitors;
        var controlRate = (double)control.Conversions / control.Visitors;
        return variantRate > controlRate
            ? new AbVerdict.VariantBetter($"Variant {variant.Name} converts better at {thresholds.ConfidenceText} confidence: {rates}{change}, {evidence}.")
            : new AbVerdict.ControlBetter($"Control converts better than variant {variant.Name} at {thresholds.ConfidenceText} confidence: {rates}{change}, {evidence}.");
    }

    private static string Count(long n, string noun) => $"{n.ToString("N0", Invariant)} {noun}{(n == 1 ? "" : "s")}";

    private static string Percent(double rate) => (rate * 100).ToString("0.0", Invariant) + "%";
}

namespace Numi.Core.Funnels.Experiments;

/// <summary>What one arm of a step's A/B test has gathered: who saw it, how many of them converted, and the revenue
/// they brought, in minor units of the funnel's one currency (the caller never mixes currencies in one comparison).</summary>
public sealed record AbArm(string Key, string Name, long Visitors, long Conversions, long RevenueMinor);

/// <summary>One arm's figures. <see cref="ConversionRate"/> and <see cref="RevenuePerVisitorMinor"/> are null while the
/// arm has no visitor (there is no rate of nothing). Revenue per visitor is whole minor units, rounded half away from
/// zero, because money shown to a merchant is never a floating-point number; a rate may be.</summary>
public sealed record AbArmResult(
    string Key,
    string Name,
    long Visitors,
    long Conversions,
    long RevenueMinor,
    double? ConversionRate,
    long? RevenuePerVisitorMinor);

/// <summary>One variant against the control. <see cref="Uplift"/> is the relative change of the conversion rate
/// (0.25 = converts 25% better than control); null when control converts at 0% or either arm has no visitor.
/// <see cref="Z"/> and <see cref="PValue"/> (two-sided, pooled two-proportion z-test) are null while the verdict is
/// <see cref="AbVerdict.NotEnoughData"/>: a p-value no one should act on is not shown.</summary>
public sealed record AbVariantComparison(
    string VariantKey,
    string ControlKey,
    double? Uplift,
    double? Z,
    double? PValue,
    AbVerdict Verdict);

/// <summary>The whole comparison: every arm (control first) and each variant judged against the control.</summary>
public sealed record AbComparisonResult(
    AbArmResult Control,
    IReadOnlyList<AbArmResult> Variants,
    IReadOnlyList<AbVariantComparison> Comparisons);

namespace Numi.Contracts.Funnels;

/// <summary>A funnel's traffic over [<see cref="From"/>, <see cref="To"/>) (UTC dates, the end excluded).
/// <see cref="Visitors"/> are sessions that viewed a step; <see cref="Orders"/> sessions that completed an order.
/// Revenue is orders plus accepted upsells, kept per currency; <see cref="Currency"/> is the one the per-visitor and
/// per-variant figures use (the one with the most revenue), null while nothing was sold.</summary>
public sealed record FunnelStats(
    string FunnelId,
    string FunnelName,
    DateOnly From,
    DateOnly To,
    long Visitors,
    long CheckoutsStarted,
    long Orders,
    double? Conversion,
    IReadOnlyList<Money> Revenue,
    string? Currency,
    long? RevenuePerVisitorMinor,
    IReadOnlyList<FunnelStepStats> Steps);

/// <summary>One step, in the published version's order (steps only older versions had follow, by key).
/// <see cref="ConversionFromPrevious"/> is this step's viewers over the previous step's (null for the first step or
/// when the previous had none); <see cref="DropOff"/> how many fewer viewed this step than the previous one.</summary>
public sealed record FunnelStepStats(
    string Key,
    string Name,
    bool Published,
    long Viewed,
    long Completed,
    double? ConversionFromPrevious,
    long DropOff,
    IReadOnlyList<FunnelVariantStats> Variants);

/// <summary>One arm of a step: sessions shown it, sessions that completed the step, and the revenue (in the stats'
/// currency) of those sessions. <see cref="Comparison"/> judges a variant against the control; null for the control
/// and for steps without a test.</summary>
public sealed record FunnelVariantStats(
    string Key,
    string Name,
    long Visitors,
    long Conversions,
    double? ConversionRate,
    long RevenueMinor,
    long? RevenuePerVisitorMinor,
    FunnelVariantComparison? Comparison);

/// <summary>A variant against its step's control. <see cref="Verdict"/>: <c>not_enough_data</c>,
/// <c>no_significant_difference</c>, <c>variant_better</c> or <c>control_better</c>; <see cref="Summary"/> says it in
/// words. <see cref="Z"/> and <see cref="PValue"/> are null while there is not enough data.</summary>
public sealed record FunnelVariantComparison(string ControlKey, double? Uplift, double? Z, double? PValue, string Verdict, string Summary);

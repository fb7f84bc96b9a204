using Microsoft.EntityFrameworkCore;
using Numi.Contracts;
using Numi.Contracts.Funnels;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Funnels.Experiments;

namespace Numi.Core.Funnels.Analytics;

/// <summary>A funnel's analytics over UTC dates [<see cref="From"/>, <see cref="To"/>); without them, the last
/// <see cref="ReadFunnelAnalyticsHandler.DefaultDays"/> days up to and including today.</summary>
public sealed record ReadFunnelAnalytics(Guid FunnelId, DateOnly? From = null, DateOnly? To = null);

/// <summary>Visitors, step drop-off, checkouts, revenue and each step's A/B comparison for one funnel of the current
/// organization. The database sums the daily rollup (<see cref="FunnelRollupCounts"/>); this class only arranges the
/// few rows it gets back into the published version's step order and feeds the tested steps to <see cref="AbComparison"/>.
/// <para>A session counts in a period when its first event of that kind (on that step and arm, or in the whole funnel
/// for visitors, checkouts and orders) fell in it: a visitor who came back the next day is that first day's visitor
/// only, and a period starting on the second day does not count them. Money counts on the day it was earned, and for
/// an arm when the session was shown that arm at any time.</para></summary>
public sealed class ReadFunnelAnalyticsHandler(INumiDb db, ControllableClock clock)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;

    public async Task<Result<FunnelStats>> HandleAsync(ReadFunnelAnalytics query, CancellationToken ct)
    {
        var to = query.To ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1);
        var from = query.From ?? to.AddDays(-DefaultDays);
        if (from >= to) return Error.Invalid("from", "from must be before to.");
        if (to.DayNumber - from.DayNumber > MaxDays) return Error.Invalid("to", $"A period lasts at most {MaxDays} days.");

        var funnel = await db.Funnels.AsNoTracking().Include(f => f.Steps).FirstOrDefaultAsync(f => f.Id == query.FunnelId, ct);
        if (funnel is null) return FunnelQueries.NoSuchFunnel;
        var versions = await db.FunnelVersions.AsNoTracking().Where(v => v.FunnelId == funnel.Id).OrderByDescending(v => v.Number)
            .Select(v => new { v.Id, v.Snapshot }).ToListAsync(ct);
        var published = versions.FirstOrDefault(v => v.Id == funnel.PublishedVersionId) is { } current
            ? FunnelSnapshot.FromJson(current.Snapshot).Steps
            : (IReadOnlyList<IFunnelStepShape>)funnel.OrderedSteps.ToList();
        var older = versions.Where(v => v.Id != funnel.PublishedVersionId).SelectMany(v => FunnelSnapshot.FromJson(v.Snapshot).Steps);

        DateTime start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), end = to.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var arms = await FunnelRollupCounts.ByArmAsync(db, funnel.Id, start, end, ct);
        var byKind = await FunnelRollupCounts.ByKindAsync(db, funnel.Id, start, end, ct);
        var revenue = await FunnelRollupCounts.RevenueAsync(db, funnel.Id, start, end, ct);
        var layout = FunnelStepLayout.Of(published, older, arms.Select(a => a.StepKey));
        var tested = layout.Select(s => (s.Key, Arms: s.ArmKeys(arms))).Where(s => s.Arms.Count > 1)
            .SelectMany(s => s.Arms.Select(arm => (s.Key, arm))).ToList();
        var armRevenue = await FunnelRollupCounts.RevenueByArmAsync(db, funnel.Id, start, end, tested, ct);

        // One currency for the per-visitor and per-arm figures: the one the funnel earned most in.
        var currency = revenue.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Key).FirstOrDefault();
        var visitors = byKind.GetValueOrDefault(FunnelEventKind.StepViewed);
        var orders = byKind.GetValueOrDefault(FunnelEventKind.OrderCompleted);
        long? perVisitor = currency is not null && visitors > 0 ? AbComparison.RevenuePerVisitor(revenue[currency], visitors) : null;

        var steps = new List<FunnelStepStats>();
        foreach (var step in layout)
        {
            var variants = StepArms(step, arms, armRevenue, currency);
            var viewed = variants.Sum(v => v.Visitors);
            var previous = steps.Count == 0 ? (long?)null : steps[^1].Viewed;
            steps.Add(new FunnelStepStats(step.Key, step.Name, step.Published, viewed, variants.Sum(v => v.Conversions),
                previous is > 0 ? (double)viewed / previous.Value : null, previous is { } p ? Math.Max(0, p - viewed) : 0, variants));
        }

        return new FunnelStats(funnel.PublicId, funnel.Name, from, to, visitors, byKind.GetValueOrDefault(FunnelEventKind.CheckoutStarted), orders,
            visitors > 0 ? (double)orders / visitors : null,
            [.. revenue.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new Money(r.Value, r.Key))], currency, perVisitor, steps);
    }

    /// <summary>The step's arms, control first, with the A/B comparison when the step has more than one. A session counts
    /// once per arm (the database counted distinct sessions); a step viewed under two arms (a session that crossed
    /// versions) counts in both, which is why the step's total is the sum of its arms.</summary>
    private static List<FunnelVariantStats> StepArms(FunnelStepLayout step, List<ArmSessions> arms, List<ArmRevenue> armRevenue, string? currency)
    {
        var keys = step.ArmKeys(arms);
        var figures = keys.Select(key =>
        {
            long Count(FunnelEventKind kind) => arms.Where(a => a.Kind == kind && a.StepKey == step.Key && FunnelStepLayout.ArmKey(a.VariantKey) == key)
                .Sum(a => a.Sessions);
            var viewed = Count(FunnelEventKind.StepViewed);
            // A completion in the period whose view fell before it would exceed the views; a rate above 100% helps no one.
            var completed = Math.Min(Count(FunnelEventKind.StepCompleted), viewed);
            var money = armRevenue.Where(r => r.StepKey == step.Key && FunnelStepLayout.ArmKey(r.VariantKey) == key && r.Currency == currency)
                .Sum(r => r.AmountMinor);
            return new AbArm(key, step.ArmName(key), viewed, completed, money);
        }).ToList();

        if (figures.Count < 2) return [.. figures.Select(a => Arm(a, null))];
        var result = AbComparison.Compare(figures[0], figures.Skip(1).ToList());
        return [Arm(figures[0], null), .. figures.Skip(1).Zip(result.Comparisons, Arm)];
    }

    private static FunnelVariantStats Arm(AbArm arm, AbVariantComparison? comparison) => new(
        arm.Key, arm.Name, arm.Visitors, arm.Conversions,
        arm.Visitors == 0 ? null : (double)arm.Conversions / arm.Visitors,
        arm.RevenueMinor,
        arm.Visitors == 0 ? null : AbComparison.RevenuePerVisitor(arm.RevenueMinor, arm.Visitors),
        comparison is null ? null : new FunnelVariantComparison(comparison.ControlKey, comparison.Uplift, comparison.Z, comparison.PValue,
            VerdictName(comparison.Verdict), comparison.Verdict.Summary));

    private static string VerdictName(AbVerdict verdict) => verdict switch
    {
        AbVerdict.NotEnoughData => "not_enough_data",
        AbVerdict.VariantBetter => "variant_better",
        AbVerdict.ControlBetter => "control_better",
        _ => "no_significant_difference",
    };
}

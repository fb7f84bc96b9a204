using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Funnels.Analytics;

/// <summary>Sessions of one step and arm that did <see cref="Kind"/> (viewed or completed). The arm is
/// <see cref="FunnelStepLayout.ArmKey"/> of the events' variant: the control is <c>control</c>.</summary>
public sealed record ArmSessions(FunnelEventKind Kind, string StepKey, string? VariantKey, long Sessions);

/// <summary>Revenue of the sessions that were shown one arm of one step, in one currency.</summary>
public sealed record ArmRevenue(string StepKey, string? VariantKey, string Currency, long AmountMinor);

/// <summary>The counting half of <see cref="ReadFunnelAnalyticsHandler"/>: sums of the daily rollup
/// (<see cref="FunnelRollup"/>) over the UTC days in [from, to), a few hundred rows whatever the number of events.
/// A session counts in the period when its first such event (per kind, step and arm, or per kind in the funnel) fell
/// in it; money counts on the day it was earned.</summary>
public static class FunnelRollupCounts
{
    private static IQueryable<FunnelDailySessions> Sessions(INumiDb db, Guid funnelId, DateTime from, DateTime to) =>
        db.FunnelDailySessions.AsNoTracking().Where(d => d.FunnelId == funnelId && d.Day >= from && d.Day < to);

    private static IQueryable<FunnelDailyRevenue> Revenue(INumiDb db, Guid funnelId, DateTime from, DateTime to) =>
        db.FunnelDailyRevenue.AsNoTracking().Where(d => d.FunnelId == funnelId && d.Day >= from && d.Day < to);

    /// <summary>Sessions per kind, step and arm, for views and completions.</summary>
    public static async Task<List<ArmSessions>> ByArmAsync(INumiDb db, Guid funnelId, DateTime from, DateTime to, CancellationToken ct) =>
        (await Sessions(db, funnelId, from, to)
            .Where(d => d.StepKey != FunnelRollup.AnyStep && (d.Kind == FunnelEventKind.StepViewed || d.Kind == FunnelEventKind.StepCompleted))
            .GroupBy(d => new { d.Kind, d.StepKey, d.ArmKey })
            .Select(g => new { g.Key.Kind, g.Key.StepKey, g.Key.ArmKey, Sessions = g.Sum(d => d.Sessions) })
            .ToListAsync(ct))
        .Select(r => new ArmSessions(r.Kind, r.StepKey, r.ArmKey, r.Sessions)).ToList();

    /// <summary>Sessions that viewed any step, started a checkout and completed an order.</summary>
    public static async Task<Dictionary<FunnelEventKind, long>> ByKindAsync(INumiDb db, Guid funnelId, DateTime from, DateTime to, CancellationToken ct) =>
        (await Sessions(db, funnelId, from, to)
            .Where(d => d.StepKey == FunnelRollup.AnyStep
                && (d.Kind == FunnelEventKind.StepViewed || d.Kind == FunnelEventKind.CheckoutStarted || d.Kind == FunnelEventKind.OrderCompleted))
            .GroupBy(d => d.Kind)
            .Select(g => new { Kind = g.Key, Sessions = g.Sum(d => d.Sessions) })
            .ToListAsync(ct))
        .ToDictionary(r => r.Kind, r => r.Sessions);

    /// <summary>Orders and accepted upsells, summed per currency.</summary>
    public static async Task<Dictionary<string, long>> RevenueAsync(INumiDb db, Guid funnelId, DateTime from, DateTime to, CancellationToken ct) =>
        (await Revenue(db, funnelId, from, to).Where(d => d.StepKey == FunnelRollup.AnyStep)
            .GroupBy(d => d.Currency)
            .Select(g => new { Currency = g.Key, Amount = g.Sum(d => d.AmountMinor) })
            .ToListAsync(ct))
        .ToDictionary(r => r.Currency, r => r.Amount, StringComparer.Ordinal);

    /// <summary>The money of the sessions shown each of <paramref name="arms"/> (step and arm key of the tested steps):
    /// a session that saw variant B of the landing and then bought counts for B. One query for every step's arms.</summary>
    public static async Task<List<ArmRevenue>> RevenueByArmAsync(INumiDb db, Guid funnelId, DateTime from, DateTime to,
        IEnumerable<(string StepKey, string ArmKey)> arms, CancellationToken ct)
    {
        var wanted = arms.ToHashSet();
        if (wanted.Count == 0) return [];
        var rows = await Revenue(db, funnelId, from, to).Where(d => d.StepKey != FunnelRollup.AnyStep)
            .GroupBy(d => new { d.StepKey, d.ArmKey, d.Currency })
            .Select(g => new { g.Key.StepKey, g.Key.ArmKey, g.Key.Currency, Amount = g.Sum(d => d.AmountMinor) })
            .ToListAsync(ct);
        return [.. rows.Where(r => wanted.Contains((r.StepKey, r.ArmKey))).Select(r => new ArmRevenue(r.StepKey, r.ArmKey, r.Currency, r.Amount))];
    }
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Core.Funnels.Analytics;

namespace Numi.Infrastructure.Tests.Funnels;

/// <summary>The analytics as they were counted before the rollup: GROUP BYs over the raw events in [from, to), counting
/// distinct sessions. Kept as the reference the rollup is checked against (<see cref="FunnelRollupTests"/>): over a
/// period holding all of a session's events the two must agree.</summary>
internal static class RawFunnelCounts
{
    /// <summary>Every figure of the rollup (<see cref="FunnelRollupCounts"/>) equals the raw events' over [from, to),
    /// the raw arms spelled <c>null</c>, <c>""</c> and <c>control</c> taken together as the rollup takes them (each
    /// session of the data sets here spells its arm one way).</summary>
    public static async Task AssertRollupAgreesAsync(INumiDb db, Guid funnel, DateTime from, DateTime to, IReadOnlyList<(string, string)> arms)
    {
        var rawByArm = (await ByArmAsync(db, funnel, from, to, default))
            .GroupBy(a => (a.Kind, a.StepKey, Arm: FunnelStepLayout.ArmKey(a.VariantKey)))
            .Select(g => new ArmSessions(g.Key.Kind, g.Key.StepKey, g.Key.Arm, g.Sum(a => a.Sessions)));
        Assert.Equal(Sorted(rawByArm), Sorted(await FunnelRollupCounts.ByArmAsync(db, funnel, from, to, default)));
        Assert.Equal(Sorted(await ByKindAsync(db, funnel, from, to, default)), Sorted(await FunnelRollupCounts.ByKindAsync(db, funnel, from, to, default)));
        Assert.Equal(Sorted(await RevenueAsync(db, funnel, from, to, default)), Sorted(await FunnelRollupCounts.RevenueAsync(db, funnel, from, to, default)));
        var rawRevenue = await RevenueByArmAsync(db, funnel, from, to, arms, default);
        Assert.NotEmpty(rawRevenue);
        Assert.Equal(Sorted(rawRevenue), Sorted(await FunnelRollupCounts.RevenueByArmAsync(db, funnel, from, to, arms, default)));
    }

    private static List<string> Sorted<T>(IEnumerable<T> rows) => [.. rows.Select(r => r!.ToString()!).Order(StringComparer.Ordinal)];

    private static IQueryable<FunnelEvent> Range(INumiDb db, Guid funnelId, DateTime from, DateTime to) =>
        db.FunnelEvents.AsNoTracking().Where(e => e.FunnelId == funnelId && e.OccurredAt >= from && e.OccurredAt < to);

    private static IQueryable<FunnelEvent> Money(INumiDb db, Guid funnelId, DateTime from, DateTime to) =>
        Range(db, funnelId, from, to).Where(e => (e.Kind == FunnelEventKind.OrderCompleted || e.Kind == FunnelEventKind.UpsellAccepted)
            && e.AmountMinor != null && e.Currency != null);

    /// <summary>Distinct sessions per kind, step and arm, for views and completions.</summary>
    public static Task<List<ArmSessions>> ByArmAsync(INumiDb db, Guid funnelId, DateTime from, DateTime to, CancellationToken ct) =>
        Range(db, funnelId, from, to)
            .Where(e => e.Kind == FunnelEventKind.StepViewed || e.Kind == FunnelEventKind.StepCompleted)
            .GroupBy(e => new { e.Kind, e.StepKey, e.VariantKey })
            .Select(g => new ArmSessions(g.Key.Kind, g.Key.StepKey, g.Key.VariantKey, g.Select(e => e.FunnelSessionId).Distinct().Count()))
            .ToListAsync(ct);

    /// <summary>Distinct sessions that viewed any step, started a checkout and completed an order.</summary>
    public static async Task<Dictionary<FunnelEventKind, long>> ByKindAsync(INumiDb db, Guid funnelId, DateTime from, DateTime to, CancellationToken ct)
    {
        var rows = await Range(db, funnelId, from, to)
            .Where(e => e.Kind == FunnelEventKind.StepViewed || e.Kind == FunnelEventKind.CheckoutStarted || e.Kind == FunnelEventKind.OrderCompleted)
            .GroupBy(e => e.Kind)
            .Select(g => new { Kind = g.Key, Sessions = g.Select(e => e.FunnelSessionId).Distinct().Count() })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Kind, r => (long)r.Sessions);
    }

    /// <summary>Orders and accepted upsells, summed per currency.</summary>
    public static async Task<Dictionary<string, long>> RevenueAsync(INumiDb db, Guid funnelId, DateTime from, DateTime to, CancellationToken ct)
    {
        var rows = await Money(db, funnelId, from, to)
            .GroupBy(e => e.Currency!)
            .Select(g => new { Currency = g.Key, Amount = g.Sum(e => e.AmountMinor!.Value) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Currency, r => r.Amount, StringComparer.Ordinal);
    }

    /// <summary>The money of the sessions shown each of <paramref name="arms"/>, one query per arm.</summary>
    public static async Task<List<ArmRevenue>> RevenueByArmAsync(INumiDb db, Guid funnelId, DateTime from, DateTime to,
        IEnumerable<(string StepKey, string ArmKey)> arms, CancellationToken ct)
    {
        var found = new List<ArmRevenue>();
        foreach (var (stepKey, armKey) in arms)
        {
            var viewed = Range(db, funnelId, from, to).Where(e => e.Kind == FunnelEventKind.StepViewed && e.StepKey == stepKey);
            var shown = (armKey == StepVariant.ControlKey
                ? viewed.Where(e => e.VariantKey == null || e.VariantKey == "" || e.VariantKey == StepVariant.ControlKey)
                : viewed.Where(e => e.VariantKey == armKey)).Select(e => e.FunnelSessionId);
            var rows = await Money(db, funnelId, from, to).Where(m => shown.Contains(m.FunnelSessionId))
                .GroupBy(m => m.Currency!)
                .Select(g => new { Currency = g.Key, Amount = g.Sum(m => m.AmountMinor!.Value) })
                .ToListAsync(ct);
            found.AddRange(rows.Select(r => new ArmRevenue(stepKey, armKey, r.Currency, r.Amount)));
        }
        return found;
    }
}

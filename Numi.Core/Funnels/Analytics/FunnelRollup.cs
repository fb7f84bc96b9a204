using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Tenancy;

namespace Numi.Core.Funnels.Analytics;

/// <summary>Keeps the analytics' rollup (<see cref="FunnelSessionFirst"/>, <see cref="FunnelDailySessions"/>,
/// <see cref="FunnelDailyRevenue"/>) in step with the events: called with a batch about to be saved, it reads what the
/// database holds for the batch's sessions and days, and tracks the new and changed rollup rows, so the caller's one
/// SaveChanges stores events and rollup together or not at all.
/// <para>Two writers racing on the same session or day lose cleanly: a first inserted twice is a unique-key race, a
/// daily row changed by another is a concurrency conflict (its count is the concurrency token). Either fails the whole
/// save, and the caller works the batch out again with nothing tracked (see <c>EfFunnelEventStore</c>).</para>
/// <para>It reads rows of every organization the batch names: called only through
/// <see cref="Tenancy.AcrossTenants.AddFunnelEventsOfAnyOrganizationAsync"/> and the start-up backfill.</para></summary>
public static class FunnelRollup
{
    /// <summary>The step (and arm) key of rows about the whole funnel; a real step key is never empty.</summary>
    public const string AnyStep = "";

    public static async Task AddAsync(INumiDb db, IReadOnlyList<FunnelEvent> events, CancellationToken ct)
    {
        var sessions = events.Select(e => e.FunnelSessionId).ToHashSet();
        var plan = FunnelRollupPlan.Of(events, await db.FunnelFirstsOfSessionsAsync(sessions, ct));
        if (plan.SessionsWithEarlierMoney is { Count: > 0 } paid) plan.AddEarlierMoney(await db.FunnelMoneyEventsOfSessionsAsync(paid, ct));
        await ApplyAsync(db, plan, ct);
    }

    /// <summary>Tracks the plan's new firsts, and adds its counts and money to the daily rows (new rows, or the stored
    /// ones of the same funnels and days, loaded here).</summary>
    public static async Task ApplyAsync(INumiDb db, FunnelRollupPlan plan, CancellationToken ct)
    {
        db.FunnelSessionFirsts.AddRange(plan.NewFirsts);
        await AddToDaysAsync(db, db.FunnelDailySessions, plan.Sessions, k => (k.FunnelId, k.Day),
            d => new FunnelDayKey(d.OrganizationId, d.FunnelId, d.Day, d.Kind, d.StepKey, d.ArmKey), d => d.Sessions,
            (k, n) => FunnelDailySessions.Of(k.OrganizationId, k.FunnelId, k.Day, k.Kind, k.StepKey, k.ArmKey, n), ct);
        await AddToDaysAsync(db, db.FunnelDailyRevenue, plan.Revenue, k => (k.FunnelId, k.Day),
            d => new FunnelMoneyKey(d.OrganizationId, d.FunnelId, d.Day, d.StepKey, d.ArmKey, d.Currency), d => d.AmountMinor,
            (k, n) => FunnelDailyRevenue.Of(k.OrganizationId, k.FunnelId, k.Day, k.StepKey, k.ArmKey, k.Currency, n), ct);
    }

    /// <summary>Adds each of <paramref name="additions"/> to its stored row (through the row's entry, so the stored value
    /// stays the concurrency check), or inserts the row.</summary>
    private static async Task AddToDaysAsync<TRow, TKey>(INumiDb db, DbSet<TRow> rows, Dictionary<TKey, long> additions,
        Func<TKey, (Guid FunnelId, DateTime Day)> dayOf, Func<TRow, TKey> keyOf, Expression<Func<TRow, long>> total,
        Func<TKey, long, TRow> create, CancellationToken ct) where TRow : class, IFunnelDayRow where TKey : notnull
    {
        if (additions.Count == 0) return;
        var days = additions.Keys.Select(dayOf).ToList();
        var funnels = days.Select(d => d.FunnelId).Distinct().ToList();
        DateTime first = days.Min(d => d.Day), last = days.Max(d => d.Day);
        var stored = (await rows.FunnelDaysAsync(funnels, first, last, ct)).ToDictionary(keyOf);
        foreach (var (key, addition) in additions)
        {
            if (stored.TryGetValue(key, out var row)) db.Entry(row).Property(total).CurrentValue += addition;
            else rows.Add(create(key, addition));
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Core.Funnels.Analytics;

namespace Numi.Core.Tenancy;

/// <summary>The funnel analytics' rollup (<see cref="FunnelRollup"/>) is kept by the event writer and the start-up
/// backfill, outside any request, for the events of every organization at once: these are the rows they read, always
/// named by the sessions or funnels of the events in hand.</summary>
public static partial class AcrossTenants
{
    /// <summary>The firsts stored for <paramref name="sessions"/>.</summary>
    public static async Task<HashSet<FunnelFirstKey>> FunnelFirstsOfSessionsAsync(this INumiDb db, IReadOnlyCollection<Guid> sessions, CancellationToken ct) =>
        (await db.FunnelSessionFirsts.IgnoreQueryFilters().AsNoTracking().Where(f => sessions.Contains(f.FunnelSessionId))
            .Select(f => new { f.FunnelSessionId, f.Kind, f.StepKey, f.ArmKey }).ToListAsync(ct))
        .Select(f => new FunnelFirstKey(f.FunnelSessionId, f.Kind, f.StepKey, f.ArmKey)).ToHashSet();

    /// <summary>The orders and accepted upsells stored for <paramref name="sessions"/>.</summary>
    public static Task<List<FunnelEvent>> FunnelMoneyEventsOfSessionsAsync(this INumiDb db, IReadOnlyCollection<Guid> sessions, CancellationToken ct) =>
        db.FunnelEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => sessions.Contains(e.FunnelSessionId) && (e.Kind == FunnelEventKind.OrderCompleted || e.Kind == FunnelEventKind.UpsellAccepted))
            .ToListAsync(ct);

    /// <summary>The daily rollup rows (tracked, to be added to) of <paramref name="funnels"/> from day
    /// <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public static Task<List<TRow>> FunnelDaysAsync<TRow>(this DbSet<TRow> rows, IReadOnlyCollection<Guid> funnels, DateTime first, DateTime last,
        CancellationToken ct) where TRow : class, IFunnelDayRow =>
        rows.IgnoreQueryFilters().Where(d => funnels.Contains(d.FunnelId) && d.Day >= first && d.Day <= last).ToListAsync(ct);

    /// <summary>True when events are stored and the rollup holds nothing: the state the migration that added the rollup
    /// leaves a database with events in.</summary>
    public static async Task<bool> FunnelRollupNeedsFillingAsync(this INumiDb db, CancellationToken ct) =>
        !await db.FunnelSessionFirsts.IgnoreQueryFilters().AnyAsync(ct) && await db.FunnelEvents.IgnoreQueryFilters().AnyAsync(ct);

    /// <summary>Every session that has events stored.</summary>
    public static Task<List<Guid>> FunnelSessionsWithEventsAsync(this INumiDb db, CancellationToken ct) =>
        db.FunnelEvents.IgnoreQueryFilters().Select(e => e.FunnelSessionId).Distinct().ToListAsync(ct);

    /// <summary>All events stored for <paramref name="sessions"/>.</summary>
    public static Task<List<FunnelEvent>> FunnelEventsOfSessionsAsync(this INumiDb db, IReadOnlyCollection<Guid> sessions, CancellationToken ct) =>
        db.FunnelEvents.IgnoreQueryFilters().AsNoTracking().Where(e => sessions.Contains(e.FunnelSessionId)).ToListAsync(ct);
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Core.Funnels.Analytics;
using Numi.Core.Funnels.Events;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Funnels;

/// <summary>The database behind <see cref="FunnelEventWriter"/>: a batch of events of any organizations, with the
/// analytics' rollup they change (<see cref="FunnelRollup"/>), as one SaveChanges (one transaction, so all or nothing
/// as the writer's retry needs). Scoped: the writer opens a scope per batch, so each batch gets a fresh context with no
/// tenant selected and nothing tracked from the one before.
/// <para>The new sessions still waiting in <see cref="FunnelSessionQueue"/> go into the same transaction, first: an
/// event's session may have been opened a moment ago and not stored yet.</para>
/// <para>Another writer (a second node) storing the same session's firsts or the same day's counts at the same moment
/// makes the save fail on a unique key or a concurrency token; the batch is then worked out again at once from what
/// the database now holds, up to <see cref="RaceAttempts"/> times, before the writer's own retry takes over.</para></summary>
public sealed class EfFunnelEventStore(NumiDbContext db, FunnelSessionQueue? sessions = null) : IFunnelEventStore
{
    public const int RaceAttempts = 5;

    public async Task AppendAsync(IReadOnlyList<AcceptedFunnelEvent> events, CancellationToken ct)
    {
        if (events.Count == 0) return;
        var rows = new FunnelEvent[events.Count];
        for (var i = 0; i < rows.Length; i++) rows[i] = RowOf(events[i]);
        // Inserts and a few counter updates (set through their entries): no change detection to run over the batch.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        if (sessions is null)
        {
            await SaveAsync([], rows, ct);
            return;
        }
        await sessions.Writing.WaitAsync(ct);
        try
        {
            var opened = sessions.Take(int.MaxValue);
            try
            {
                await SaveAsync(opened, rows, ct);
            }
            catch
            {
                sessions.Release(opened);
                throw;
            }
            sessions.Stored(opened);
        }
        finally
        {
            sessions.Writing.Release();
        }
    }

    private async Task SaveAsync(IReadOnlyList<FunnelSession> opened, FunnelEvent[] rows, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                db.AddFunnelSessionsOfAnyOrganization(opened);
                await db.AddFunnelEventsOfAnyOrganizationAsync(rows, ct);
                // In the process's turn to write, like the shoppers' saves, so a batch never contends with them for SQLite's lock.
                await db.SaveInTurnAsync(ct);
                return;
            }
            catch (DbUpdateException e) when (attempt < RaceAttempts && (e is DbUpdateConcurrencyException || db.IsUniqueKeyRace(e)))
            {
                // Worked out again from what the database now holds.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The row of an accepted event.</summary>
    public static FunnelEvent RowOf(AcceptedFunnelEvent e) => FunnelEvent.Of(e.OrganizationId, e.FunnelId, e.FunnelVersionId, e.FunnelSessionId,
        e.StepKey, e.VariantKey, KindOf(e.Kind), e.OccurredAt, e.AmountMinor, e.Currency);

    /// <summary>The entity's kind for a wire name. The intake only accepts the six names, so an unknown one here is a
    /// programming error: it fails the batch loudly rather than storing a wrong kind.</summary>
    public static FunnelEventKind KindOf(string name) => name switch
    {
        FunnelEventKinds.StepViewed => FunnelEventKind.StepViewed,
        FunnelEventKinds.StepCompleted => FunnelEventKind.StepCompleted,
        FunnelEventKinds.CheckoutStarted => FunnelEventKind.CheckoutStarted,
        FunnelEventKinds.OrderCompleted => FunnelEventKind.OrderCompleted,
        FunnelEventKinds.UpsellAccepted => FunnelEventKind.UpsellAccepted,
        FunnelEventKinds.UpsellDeclined => FunnelEventKind.UpsellDeclined,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a funnel event kind."),
    };
}

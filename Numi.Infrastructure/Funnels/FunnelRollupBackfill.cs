using Microsoft.EntityFrameworkCore;
using Numi.Core.Funnels.Analytics;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Funnels;

/// <summary>Fills the analytics' rollup from the events stored before it existed (the migration that added it leaves
/// it empty), once, at start-up: when there are events and no rollup row at all. The same rules as the writer
/// (<see cref="FunnelRollupPlan"/>), a few thousand whole sessions at a time, all in one transaction: a crash leaves the
/// rollup empty and the next start fills it again. Two nodes starting together: the second's insert hits the first's
/// keys, and it leaves the rollup to the first.</summary>
public static class FunnelRollupBackfill
{
    private const int SessionsPerChunk = 2000;
    private static readonly HashSet<FunnelFirstKey> Nothing = [];

    /// <summary>The number of sessions filled in; 0 when there was nothing to do.</summary>
    public static async Task<int> FillAsync(NumiDbContext db, CancellationToken ct)
    {
        if (!await db.FunnelRollupNeedsFillingAsync(ct)) return 0;
        var sessions = await db.FunnelSessionsWithEventsAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            foreach (var chunk in sessions.Chunk(SessionsPerChunk))
            {
                var events = await db.FunnelEventsOfSessionsAsync(chunk, ct);
                // Whole sessions with nothing stored yet: every first is new, and no money was paid in an earlier batch.
                await FunnelRollup.ApplyAsync(db, FunnelRollupPlan.Of(events, Nothing), ct);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            await transaction.CommitAsync(ct);
            return sessions.Count;
        }
        catch (DbUpdateException e) when (db.IsUniqueKeyRace(e))
        {
            return 0;
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }
}

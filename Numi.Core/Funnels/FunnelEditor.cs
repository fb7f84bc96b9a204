using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>The one way every editing use case changes a funnel: load it, refuse a stale revision, keep the draft
/// steps for undo (when the change touches them), apply the change, count the revision and save. A save that loses a
/// race with another window's (both on the same revision) is refused like a stale revision.</summary>
public sealed class FunnelEditor(INumiDb db, ControllableClock clock)
{
    public INumiDb Db => db;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A change to the draft steps: kept for undo, and the funnel then has unpublished changes.</summary>
    public Task<Result<Funnel>> EditStepsAsync(Guid funnelId, int expectedRevision, Func<Funnel, Task<Result<Funnel>>> apply, CancellationToken ct) =>
        EditAsync(funnelId, expectedRevision, async funnel =>
        {
            var before = funnel.Snapshot().ToJson();
            var applied = await apply(funnel);
            if (!applied.Succeeded) return applied;
            await KeepForUndoAsync(funnel, before, ct);
            funnel.DraftChanged(Now);
            return applied;
        }, ct);

    public Task<Result<Funnel>> EditStepsAsync(Guid funnelId, int expectedRevision, Func<Funnel, Result<Funnel>> apply, CancellationToken ct) =>
        EditStepsAsync(funnelId, expectedRevision, funnel => Task.FromResult(apply(funnel)), ct);

    /// <summary>A change that makes or picks one step, which is the answer (an added or duplicated step).</summary>
    public async Task<Result<FunnelStep>> EditStepAsync(Guid funnelId, int expectedRevision, Func<Funnel, Result<FunnelStep>> apply, CancellationToken ct)
    {
        FunnelStep? changed = null;
        var result = await EditStepsAsync(funnelId, expectedRevision, funnel =>
        {
            var step = apply(funnel);
            changed = step.Succeeded ? step.Value : null;
            return step.Then(funnel);
        }, ct);
        return result.Succeeded ? changed! : Result<FunnelStep>.Failure(result.Errors);
    }

    /// <summary>A change to one step, found by its key.</summary>
    public Task<Result<Funnel>> EditStepAsync<T>(Guid funnelId, int expectedRevision, string stepKey, Func<FunnelStep, Result<T>> apply, CancellationToken ct) =>
        EditStepsAsync(funnelId, expectedRevision, funnel =>
            funnel.FindStep(stepKey) is { } step ? apply(step).Then(funnel) : Funnel.NoSuchStep(stepKey), ct);

    /// <summary>Any change; <paramref name="apply"/> sets what it changes, this counts the revision.</summary>
    public async Task<Result<Funnel>> EditAsync(Guid funnelId, int expectedRevision, Func<Funnel, Task<Result<Funnel>>> apply, CancellationToken ct)
    {
        var funnel = await TrackedAsync(funnelId, ct);
        if (funnel is null) return FunnelQueries.NoSuchFunnel;
        if (funnel.CheckRevision(expectedRevision) is { } stale) return stale;
        var startRevision = funnel.Revision;
        var applied = await apply(funnel);
        if (!applied.Succeeded) return applied;
        if (funnel.Revision == startRevision) funnel.Touch(Now);
        return await SaveAsync(funnel, ct);
    }

    /// <summary>The funnel with its steps, tracked: the one this context already holds when the caller has just read it
    /// so (the API and the canvas read it to check a request's step and variant before the use case runs), else read
    /// now. Reading it once per change is safe: the revision check and the save's concurrency token refuse a stale one.</summary>
    private async Task<Funnel?> TrackedAsync(Guid funnelId, CancellationToken ct) =>
        db.Funnels.Local.FirstOrDefault(f => f.Id == funnelId) is { } tracked && db.Entry(tracked).Collection(f => f.Steps).IsLoaded
            ? tracked
            : await FunnelQueries.LoadAsync(db, funnelId, ct);

    /// <summary>Keeps <paramref name="snapshot"/> (the draft steps before this change) as the newest undo step,
    /// letting the oldest beyond <see cref="FunnelDraftHistory.Kept"/> go.</summary>
    public async Task KeepForUndoAsync(Funnel funnel, string snapshot, CancellationToken ct)
    {
        db.FunnelDraftHistory.Add(FunnelDraftHistory.Of(funnel, snapshot, Now));
        var expired = await db.FunnelDraftHistory.Where(h => h.FunnelId == funnel.Id)
            .OrderByDescending(h => h.Revision).Skip(FunnelDraftHistory.Kept - 1).ToListAsync(ct);
        db.FunnelDraftHistory.RemoveRange(expired);
    }

    private async Task<Result<Funnel>> SaveAsync(Funnel funnel, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return funnel;
        }
        catch (DbUpdateException e) when (db.IsLostRace(e))
        {
            foreach (var entry in e.Entries) entry.State = EntityState.Detached;
            var current = await db.Funnels.AsNoTracking().Where(f => f.Id == funnel.Id).Select(f => (int?)f.Revision).FirstOrDefaultAsync(ct);
            if (current is null) return FunnelQueries.NoSuchFunnel;
            if (await FunnelSlugs.TakenAsync(db, funnel.Slug, funnel.Id, ct) is { } taken) return taken;
            return Funnel.StaleRevision(current.Value);
        }
    }
}

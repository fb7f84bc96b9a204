using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>Brings back the draft steps as they were before the latest change (as a new revision, so other windows
/// notice). Undoing again goes one change further back, up to <see cref="FunnelDraftHistory.Kept"/> changes.</summary>
public sealed record UndoFunnelChange(Guid FunnelId, int ExpectedRevision);

public sealed class UndoFunnelChangeHandler(FunnelEditor editor)
{
    public Task<Result<Funnel>> HandleAsync(UndoFunnelChange command, CancellationToken ct) =>
        editor.EditAsync(command.FunnelId, command.ExpectedRevision, async funnel =>
        {
            var latest = await editor.Db.FunnelDraftHistory.Where(h => h.FunnelId == funnel.Id)
                .OrderByDescending(h => h.Revision).FirstOrDefaultAsync(ct);
            if (latest is null) return Error.Conflict("There is nothing to undo.", "revision");
            funnel.RestoreSteps(FunnelSnapshot.FromJson(latest.Snapshot));
            editor.Db.FunnelDraftHistory.Remove(latest);
            funnel.DraftChanged(editor.Now);
            return funnel;
        }, ct);
}

using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>Serves an earlier version again: its steps are published as the next version (numbers only go up, so
/// analytics never mix the two periods) and become the draft, the draft they replace kept for undo.</summary>
public sealed record RollbackFunnel(Guid FunnelId, int ExpectedRevision, int VersionNumber);

public sealed class RollbackFunnelHandler(FunnelEditor editor)
{
    public Task<Result<Funnel>> HandleAsync(RollbackFunnel command, CancellationToken ct) =>
        editor.EditAsync(command.FunnelId, command.ExpectedRevision, async funnel =>
        {
            var old = await FunnelQueries.VersionAsync(editor.Db, funnel.Id, command.VersionNumber, ct);
            if (old is null) return Error.NotFound($"This funnel has no version {command.VersionNumber}.", "version");
            var draft = funnel.Snapshot().ToJson();
            var published = await FunnelPublishing.PublishAsync(editor, funnel, old.Steps(), ct);
            if (!published.Succeeded) return published.Then(funnel);
            await editor.KeepForUndoAsync(funnel, draft, ct);
            funnel.RestoreSteps(old.Steps());
            return funnel;
        }, ct);
}

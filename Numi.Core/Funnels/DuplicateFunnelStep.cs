using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>A copy of a step, inserted right after it with a new key.</summary>
public sealed record DuplicateFunnelStep(Guid FunnelId, int ExpectedRevision, string StepKey);

public sealed class DuplicateFunnelStepHandler(FunnelEditor editor)
{
    public Task<Result<FunnelStep>> HandleAsync(DuplicateFunnelStep command, CancellationToken ct) =>
        editor.EditStepAsync(command.FunnelId, command.ExpectedRevision, funnel => funnel.DuplicateStep(command.StepKey), ct);
}

using Numi.Core.Common;

namespace Numi.Core.Funnels;

public sealed record RemoveFunnelStep(Guid FunnelId, int ExpectedRevision, string StepKey);

public sealed class RemoveFunnelStepHandler(FunnelEditor editor)
{
    public Task<Result<Funnel>> HandleAsync(RemoveFunnelStep command, CancellationToken ct) =>
        editor.EditStepsAsync(command.FunnelId, command.ExpectedRevision, funnel => funnel.RemoveStep(command.StepKey), ct);
}

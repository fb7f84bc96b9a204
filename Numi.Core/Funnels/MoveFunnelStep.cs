using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>Moves a step to <see cref="Index"/> (0 first, clamped to the funnel): where the canvas drops it, or one
/// place up or down from the keyboard.</summary>
public sealed record MoveFunnelStep(Guid FunnelId, int ExpectedRevision, string StepKey, int Index);

public sealed class MoveFunnelStepHandler(FunnelEditor editor)
{
    public Task<Result<Funnel>> HandleAsync(MoveFunnelStep command, CancellationToken ct) =>
        editor.EditStepsAsync(command.FunnelId, command.ExpectedRevision, funnel => funnel.MoveStep(command.StepKey, command.Index).Then(funnel), ct);
}

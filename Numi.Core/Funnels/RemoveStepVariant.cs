using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>Drops a variant; removing the last one ends the step's test without a winner.</summary>
public sealed record RemoveStepVariant(Guid FunnelId, int ExpectedRevision, string StepKey, string VariantKey);

public sealed class RemoveStepVariantHandler(FunnelEditor editor)
{
    public Task<Result<Funnel>> HandleAsync(RemoveStepVariant command, CancellationToken ct) =>
        editor.EditStepAsync(command.FunnelId, command.ExpectedRevision, command.StepKey, step => step.RemoveVariant(command.VariantKey), ct);
}

using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>Ends a step's A/B test: <see cref="WinnerKey"/> (a variant's key, or "control") becomes the step's content
/// and the variants go. Shoppers see the winner once the funnel is published again.</summary>
public sealed record StopStepTest(Guid FunnelId, int ExpectedRevision, string StepKey, string WinnerKey);

public sealed class StopStepTestHandler(FunnelEditor editor)
{
    public Task<Result<Funnel>> HandleAsync(StopStepTest command, CancellationToken ct) =>
        editor.EditStepAsync(command.FunnelId, command.ExpectedRevision, command.StepKey, step => step.StopTest(command.WinnerKey), ct);
}

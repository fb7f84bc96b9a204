using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>Brings an archived funnel back: published (its last published version) when it had one, else a draft.</summary>
public sealed record RestoreFunnel(Guid FunnelId, int ExpectedRevision);

public sealed class RestoreFunnelHandler(FunnelEditor editor)
{
    public Task<Result<Funnel>> HandleAsync(RestoreFunnel command, CancellationToken ct) =>
        editor.EditAsync(command.FunnelId, command.ExpectedRevision, funnel => Task.FromResult(funnel.Restore()), ct);
}

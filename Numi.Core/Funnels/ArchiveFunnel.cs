using Numi.Core.Common;

namespace Numi.Core.Funnels;

/// <summary>Takes a funnel off the air (its URL finds nothing) while keeping its versions, sessions and events.</summary>
public sealed record ArchiveFunnel(Guid FunnelId, int ExpectedRevision);

public sealed class ArchiveFunnelHandler(FunnelEditor editor)
{
    public Task<Result<Funnel>> HandleAsync(ArchiveFunnel command, CancellationToken ct) =>
        editor.EditAsync(command.FunnelId, command.ExpectedRevision, funnel => Task.FromResult(funnel.Archive()), ct);
}

using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Funnels.Events;

namespace Numi.Infrastructure.Funnels;

/// <summary>A sale's events join the writer's queue like a page's, so they are stored with their rollup in its next
/// batch (and drained on a clean stop). An event the queue cannot take (full, or the host stopping) is stored at once
/// through the store instead: a sale's revenue is never dropped, and the queue's counts show it as written, not as
/// dropped.</summary>
public sealed class QueuedFunnelSaleEvents(FunnelEventQueue queue, IServiceScopeFactory scopes) : IFunnelSaleEvents
{
    public async Task RecordAsync(IReadOnlyList<AcceptedFunnelEvent> events, CancellationToken ct)
    {
        var missed = events.Where(e => !queue.TryEnqueueKept(e)).ToList();
        if (missed.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IFunnelEventStore>().AppendAsync(missed, ct);
        queue.CountWritten(missed.Count);
    }
}

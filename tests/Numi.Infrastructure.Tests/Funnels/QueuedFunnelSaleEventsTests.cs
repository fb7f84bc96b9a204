using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Funnels.Events;

namespace Numi.Infrastructure.Tests.Funnels;

/// <summary>A committed order's funnel events go to the writer's queue, and are never dropped: when the queue cannot
/// take them they are stored at once.</summary>
public sealed class QueuedFunnelSaleEventsTests
{
    [Fact]
    public async Task A_sale_s_events_are_queued_and_stored_by_the_writer_with_no_session_budget_taken()
    {
        await using var host = new FunnelEventHost(new Dictionary<string, string?> { ["Numi:Funnels:MaxEventsPerSession"] = "1" });
        await host.Host.StartAsync();
        var sale = Sale();

        await host.Host.Services.GetRequiredService<IFunnelSaleEvents>().RecordAsync(sale, default);
        await host.SettledAsync(sale.Count);

        Assert.Equal(sale, host.Store.Events.ToList());
        Assert.Equal(0, host.Queue.Snapshot().Refused);
        await host.Host.StopAsync();
    }

    [Fact]
    public async Task A_sale_the_full_queue_cannot_take_is_stored_at_once()
    {
        await using var host = new FunnelEventHost(new Dictionary<string, string?> { ["Numi:Funnels:EventQueueCapacity"] = "2" });
        // The writer is not started: two page events fill the queue.
        Assert.True(host.Queue.TryEnqueue(FunnelEventHost.Event(1)));
        Assert.True(host.Queue.TryEnqueue(FunnelEventHost.Event(2)));
        var sale = Sale();

        await host.Host.Services.GetRequiredService<IFunnelSaleEvents>().RecordAsync(sale, default);

        Assert.Equal(sale, Assert.Single(host.Store.Batches));
        var counts = host.Queue.Snapshot();
        Assert.Equal((2, 2L, 0L, 0L, 2L), (counts.Queued, counts.Accepted, counts.DroppedFull, counts.DroppedStopping, counts.Written));
    }

    private static List<AcceptedFunnelEvent> Sale()
    {
        var session = Guid.CreateVersion7();
        var at = new DateTime(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc);
        return
        [
            new(session, Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), "checkout", "control", FunnelEventKinds.OrderCompleted, 4_900, "usd", at),
            new(session, Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), "checkout", "control", FunnelEventKinds.StepCompleted, null, null, at),
        ];
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Numi.Core.Funnels.Events;

namespace Numi.Infrastructure.Tests.Funnels;

public sealed class FunnelEventWriterTests
{
    [Fact]
    public async Task Stopping_the_host_writes_every_queued_event_exactly_once()
    {
        await using var host = new FunnelEventHost();
        // A slow store (20 batches of 500 take a second), so that events are still queued when the stop begins.
        host.Store.Delay = TimeSpan.FromMilliseconds(50);
        await host.Host.StartAsync();
        var sent = Enumerable.Range(0, 10_000).Select(FunnelEventHost.Event).ToList();

        Assert.All(sent, e => Assert.True(host.Queue.TryEnqueue(e)));
        Assert.True(host.Queue.Queued > 0);
        await host.Host.StopAsync();

        var stored = host.Store.Events.ToList();
        Assert.Equal(10_000, stored.Count);
        Assert.Equal(sent.Select(e => e.FunnelSessionId).Order(), stored.Select(e => e.FunnelSessionId).Order());
        Assert.All(host.Store.Batches, b => Assert.InRange(b.Count, 1, 500));
        Assert.Equal(new(10_000, 0, 0, 0, 10_000, 0, 0), host.Queue.Snapshot());
    }

    [Fact]
    public async Task A_backlog_is_written_in_batches_of_at_most_500()
    {
        await using var host = new FunnelEventHost();
        for (var i = 0; i < 1_200; i++) host.Queue.TryEnqueue(FunnelEventHost.Event(i));

        await host.Host.StartAsync();
        await host.SettledAsync(1_200);

        Assert.Equal([500, 500, 200], host.Store.Batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 1_200).Select(i => $"step-{i}"), host.Store.Events.Select(e => e.StepKey));
        await host.Host.StopAsync();
    }

    [Fact]
    public async Task Events_arriving_within_the_window_go_together()
    {
        await using var host = new FunnelEventHost(new Dictionary<string, string?> { ["Numi:Funnels:BatchWindow"] = "00:00:02" });
        await host.Host.StartAsync();

        for (var i = 0; i < 3; i++)
        {
            host.Queue.TryEnqueue(FunnelEventHost.Event(i));
            await Task.Delay(50);
        }
        await host.SettledAsync(3);

        Assert.Equal([3], host.Store.Batches.Select(b => b.Count));
        await host.Host.StopAsync();
    }

    [Fact]
    public async Task A_batch_is_written_once_the_window_closes_without_waiting_for_more()
    {
        await using var host = new FunnelEventHost(new Dictionary<string, string?> { ["Numi:Funnels:BatchWindow"] = "00:00:00.1" });
        await host.Host.StartAsync();

        host.Queue.TryEnqueue(FunnelEventHost.Event());
        await host.SettledAsync(1);
        host.Queue.TryEnqueue(FunnelEventHost.Event());
        await host.SettledAsync(2);

        Assert.Equal([1, 1], host.Store.Batches.Select(b => b.Count));
        await host.Host.StopAsync();
    }

    [Fact]
    public async Task A_full_queue_drops_counts_and_warns_without_blocking()
    {
        await using var host = new FunnelEventHost(new Dictionary<string, string?> { ["Numi:Funnels:EventQueueCapacity"] = "10" });

        // The host is not started: nothing drains the queue.
        var results = Enumerable.Range(0, 15).Select(i => host.Queue.TryEnqueue(FunnelEventHost.Event(i))).ToList();

        Assert.Equal(10, results.Count(r => r));
        Assert.Equal(new(10, 5, 0, 0, 0, 0, 10), host.Queue.Snapshot());
        // One warning per interval, not one per dropped event.
        var warning = Assert.Single(host.Logs.Lines, l => l.Level == LogLevel.Warning);
        Assert.Equal("The funnel event queue is full (10 waiting) and the store is not keeping up; events dropped since the last warning: 1", warning.Message);
    }

    [Fact]
    public async Task A_failing_store_is_retried_and_nothing_is_written_twice()
    {
        await using var host = new FunnelEventHost();
        host.Store.FailNext(2);
        for (var i = 0; i < 20; i++) host.Queue.TryEnqueue(FunnelEventHost.Event(i));

        await host.Host.StartAsync();
        await host.SettledAsync(20);

        Assert.Equal(3, host.Store.Calls);
        Assert.Equal(20, host.Store.Events.Count());
        var counts = host.Queue.Snapshot();
        Assert.Equal((20L, 0L), (counts.Written, counts.Failed));
        Assert.Equal(2, host.Logs.Lines.Count(l => l.Level == LogLevel.Warning && l.Message.StartsWith("Storing 20 funnel events failed on attempt", StringComparison.Ordinal)));
        await host.Host.StopAsync();
    }

    [Fact]
    public async Task A_store_that_keeps_failing_costs_its_batch_but_not_the_writer()
    {
        await using var host = new FunnelEventHost(new Dictionary<string, string?> { ["Numi:Funnels:BatchWindow"] = "00:00:00.05" });
        host.Store.FailNext(-1);
        await host.Host.StartAsync();

        for (var i = 0; i < 7; i++) host.Queue.TryEnqueue(FunnelEventHost.Event(i));
        await host.SettledAsync(7);
        host.Store.FailNext(0);
        host.Queue.TryEnqueue(FunnelEventHost.Event(99));
        await host.SettledAsync(8);
        await host.Host.StopAsync();

        Assert.Equal(4 + 1, host.Store.Calls);
        Assert.Equal(["step-99"], host.Store.Events.Select(e => e.StepKey));
        var counts = host.Queue.Snapshot();
        Assert.Equal((1L, 7L), (counts.Written, counts.Failed));
        var error = Assert.Single(host.Logs.Lines, l => l.Level == LogLevel.Error);
        Assert.Equal("7 funnel events could not be stored after 4 attempts and are lost", error.Message);
    }

    [Fact]
    public async Task Events_after_the_stop_are_dropped_and_counted_apart()
    {
        await using var host = new FunnelEventHost();
        await host.Host.StartAsync();
        await host.Host.StopAsync();

        Assert.False(host.Queue.TryEnqueue(FunnelEventHost.Event()));

        var counts = host.Queue.Snapshot();
        Assert.Equal((0L, 1L), (counts.DroppedFull, counts.DroppedStopping));
    }

    [Fact]
    public async Task Invalid_settings_stop_the_host_from_starting()
    {
        await using var host = new FunnelEventHost(new Dictionary<string, string?> { ["Numi:Funnels:MaxBatch"] = "0" });

        await Assert.ThrowsAsync<OptionsValidationException>(() => host.Host.StartAsync());
    }
}

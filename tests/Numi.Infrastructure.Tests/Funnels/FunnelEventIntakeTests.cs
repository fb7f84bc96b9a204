using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Funnels.Events;
using Numi.Infrastructure.Funnels;

namespace Numi.Infrastructure.Tests.Funnels;

public sealed class FunnelEventIntakeTests
{
    private static readonly FunnelEventContext Context = new(
        Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(),
        new HashSet<string>(StringComparer.Ordinal) { "landing" });

    [Fact]
    public async Task A_valid_event_is_queued_and_written_with_the_servers_time()
    {
        await using var host = new FunnelEventHost();
        var intake = host.Host.Services.GetRequiredService<FunnelEventIntake>();
        var before = DateTime.UtcNow;

        Assert.Equal(FunnelEventOutcome.Queued, intake.Record(new FunnelEventInput("step_viewed", "landing"), Context));
        await host.Host.StartAsync();
        await host.Host.StopAsync();

        var stored = Assert.Single(host.Store.Events);
        Assert.Equal((Context.FunnelSessionId, Context.OrganizationId, "step_viewed"), (stored.FunnelSessionId, stored.OrganizationId, stored.Kind));
        Assert.InRange(stored.OccurredAt, before, DateTime.UtcNow);
        Assert.Equal(DateTimeKind.Utc, stored.OccurredAt.Kind);
    }

    [Fact]
    public async Task Refusals_are_counted_and_their_reason_kept_for_the_caller()
    {
        await using var host = new FunnelEventHost();
        var intake = host.Host.Services.GetRequiredService<FunnelEventIntake>();

        Assert.Equal(FunnelEventOutcome.Refused, intake.Record(new FunnelEventInput("page_viewed", "landing"), Context, out var refusal));

        Assert.Equal("kind", refusal!.Param);
        Assert.Equal(new(0, 0, 0, 1, 0, 0, 0), host.Queue.Snapshot());
    }

    [Fact]
    public async Task A_session_past_its_budget_is_refused_silently()
    {
        await using var host = new FunnelEventHost(new Dictionary<string, string?> { ["Numi:Funnels:MaxEventsPerSession"] = "3" });
        var intake = host.Host.Services.GetRequiredService<FunnelEventIntake>();
        var input = new FunnelEventInput("step_viewed", "landing");

        var outcomes = Enumerable.Range(0, 5).Select(_ => (intake.Record(input, Context, out var refusal), refusal)).ToList();

        Assert.Equal([FunnelEventOutcome.Queued, FunnelEventOutcome.Queued, FunnelEventOutcome.Queued, FunnelEventOutcome.Refused, FunnelEventOutcome.Refused],
            outcomes.Select(o => o.Item1));
        Assert.All(outcomes, o => Assert.Null(o.refusal));
        Assert.Equal((3L, 2L), (host.Queue.Snapshot().Accepted, host.Queue.Snapshot().Refused));
        Assert.Equal(FunnelEventOutcome.Queued, intake.Record(input, Context with { FunnelSessionId = Guid.CreateVersion7() }));
    }

    [Fact]
    public async Task A_full_queue_reports_a_drop()
    {
        await using var host = new FunnelEventHost(new Dictionary<string, string?> { ["Numi:Funnels:EventQueueCapacity"] = "1" });
        var intake = host.Host.Services.GetRequiredService<FunnelEventIntake>();
        var input = new FunnelEventInput("step_viewed", "landing");

        Assert.Equal(FunnelEventOutcome.Queued, intake.Record(input, Context));
        Assert.Equal(FunnelEventOutcome.Dropped, intake.Record(input, Context));
        Assert.Equal((1L, 1L), (host.Queue.Snapshot().Accepted, host.Queue.Snapshot().DroppedFull));
    }
}

using Microsoft.Extensions.Options;
using Numi.Core.Funnels;
using Numi.Infrastructure.Funnels;

namespace Numi.Infrastructure.Tests.Funnels;

/// <summary>The new sessions a first view queues: one owner at a time (queued, in a writer's batch, or claimed by the
/// request that resumes it), given back when a write fails, and refused when full or stopping.</summary>
public sealed class FunnelSessionQueueTests
{
    private static readonly Guid Organization = Guid.NewGuid(), FunnelId = Guid.NewGuid();

    private static FunnelSessionQueue Queue(int capacity = 100) =>
        new(Options.Create(new FunnelEventOptions { SessionQueueCapacity = capacity }));

    private static FunnelSession Session(string visitor = "visitor-1") =>
        FunnelSession.Start(Organization, FunnelId, Guid.NewGuid(), visitor, "step_1", DateTime.UtcNow);

    [Fact]
    public async Task A_resuming_request_claims_its_queued_session_and_no_writer_takes_it_after()
    {
        var queue = Queue();
        var session = Session();
        Assert.True(queue.TryQueue(session));

        Assert.Same(session, await queue.ClaimAsync(session.Id, FunnelId, "visitor-1", default));

        Assert.Empty(queue.Take(10));
        Assert.Equal(0, queue.Count);
        Assert.Null(await queue.ClaimAsync(session.Id, FunnelId, "visitor-1", default));
    }

    [Fact]
    public async Task Another_visitor_or_funnel_cannot_claim_a_queued_session()
    {
        var queue = Queue();
        var session = Session();
        queue.TryQueue(session);

        Assert.Null(await queue.ClaimAsync(session.Id, FunnelId, "visitor-2", default));
        Assert.Null(await queue.ClaimAsync(session.Id, Guid.NewGuid(), "visitor-1", default));
        Assert.Same(session, Assert.Single(queue.Take(10)));
    }

    [Fact]
    public async Task A_session_in_a_writers_batch_is_claimed_only_once_the_write_fails_and_gives_it_back()
    {
        var queue = Queue();
        var session = Session();
        queue.TryQueue(session);
        var batch = queue.Take(10);

        var claim = queue.ClaimAsync(session.Id, FunnelId, "visitor-1", default);
        Assert.False(claim.IsCompleted);
        queue.Release(batch);

        Assert.Same(session, await claim);
    }

    [Fact]
    public async Task A_session_stored_by_a_writer_leaves_the_queue_and_a_waiting_claim_then_finds_nothing()
    {
        var queue = Queue();
        var session = Session();
        queue.TryQueue(session);
        var batch = queue.Take(10);

        var claim = queue.ClaimAsync(session.Id, FunnelId, "visitor-1", default);
        queue.Stored(batch);

        Assert.Null(await claim);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Take_gives_each_queued_session_to_one_batch_up_to_its_size()
    {
        var queue = Queue();
        for (var i = 0; i < 5; i++) queue.TryQueue(Session());

        var first = queue.Take(3);
        var second = queue.Take(3);

        Assert.Equal((3, 2), (first.Count, second.Count));
        Assert.Empty(first.Select(s => s.Id).Intersect(second.Select(s => s.Id)));
        Assert.Empty(queue.Take(3));
        Assert.Equal(5, queue.Count);
    }

    [Fact]
    public void A_full_or_stopping_queue_refuses_so_the_page_stores_the_session_itself()
    {
        var full = Queue(capacity: 1);
        Assert.True(full.TryQueue(Session()));
        Assert.False(full.TryQueue(Session()));

        var stopping = Queue();
        stopping.Complete();
        Assert.False(stopping.TryQueue(Session()));
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Numi.Core.Funnels;

namespace Numi.Infrastructure.Funnels;

/// <summary>Funnel sessions opened by a first view and not yet stored: the page queues the new session here instead of
/// inserting it, and <see cref="FunnelSessionWriter"/> (or the event store, with the session's events) inserts them in
/// batches. Until then a session lives only here, so a request that resumes it from its cookie looks here first
/// (<see cref="ClaimAsync"/>).
/// <para>Each queued session has one owner at a time: queued, taken by a writer's batch, or claimed by a resuming
/// request, which then stores it itself. A batch that fails gives its sessions back for the next one. A full queue, or
/// one that is stopping, refuses (<see cref="TryQueue"/> is false) and the page inserts the session itself, so a
/// session is never dropped; a crash loses what is queued (at most a batch window's new sessions).</para></summary>
public sealed class FunnelSessionQueue(IOptions<FunnelEventOptions> options)
{
    private const int Queued = 0, Taken = 1;

    private sealed class Entry(FunnelSession session)
    {
        public FunnelSession Session { get; } = session;
        public int State;
    }

    private readonly ConcurrentDictionary<Guid, Entry> _pending = new();
    private readonly int _capacity = options.Value.SessionQueueCapacity;
    private volatile bool _stopping;

    /// <summary>Held by a writer from taking a batch until it is stored or given back, so the session writer and the
    /// event store never split the queue between them (an event batch would then wait for a session in the other's
    /// transaction, and fail its foreign key).</summary>
    internal SemaphoreSlim Writing { get; } = new(1, 1);

    /// <summary>Sessions waiting or being written now.</summary>
    public int Count => _pending.Count;

    /// <summary>Queues a new session nobody else holds; false when the queue is full or stopping (store it yourself).</summary>
    public bool TryQueue(FunnelSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (_stopping || _pending.Count >= _capacity) return false;
        return _pending.TryAdd(session.Id, new Entry(session));
    }

    /// <summary>The queued session with this id, of this funnel and visitor and still active, taken out of the queue for
    /// the caller to store (and give back with <see cref="Release"/> if that fails); null when no such session waits
    /// here. A session a writer is storing now is waited for (it is in the database once the wait ends).</summary>
    public async Task<FunnelSession?> ClaimAsync(Guid id, Guid funnelId, string visitorId, CancellationToken ct)
    {
        while (_pending.TryGetValue(id, out var entry))
        {
            var session = entry.Session;
            if (session.FunnelId != funnelId || session.VisitorId != visitorId || session.Status != FunnelSessionStatus.Active) return null;
            if (Interlocked.CompareExchange(ref entry.State, Taken, Queued) == Queued)
            {
                _pending.TryRemove(new KeyValuePair<Guid, Entry>(id, entry));
                return session;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(5), ct);
        }
        return null;
    }

    /// <summary>Takes up to <paramref name="max"/> queued sessions for a batch; each must end in <see cref="Stored"/> or
    /// <see cref="Release"/>.</summary>
    public IReadOnlyList<FunnelSession> Take(int max)
    {
        var taken = new List<FunnelSession>();
        foreach (var (_, entry) in _pending)
        {
            if (taken.Count >= max) break;
            if (Interlocked.CompareExchange(ref entry.State, Taken, Queued) == Queued) taken.Add(entry.Session);
        }
        return taken;
    }

    /// <summary>The batch is in the database: its sessions leave the queue.</summary>
    public void Stored(IEnumerable<FunnelSession> sessions)
    {
        foreach (var session in sessions) _pending.TryRemove(session.Id, out _);
    }

    /// <summary>Gives sessions back to the queue after a failed write (a claimed one is queued again).</summary>
    public void Release(IEnumerable<FunnelSession> sessions)
    {
        foreach (var session in sessions)
        {
            var entry = _pending.GetOrAdd(session.Id, _ => new Entry(session));
            Volatile.Write(ref entry.State, Queued);
        }
    }

    /// <summary>Takes no more sessions: pages store their own from now on, and the writer drains what waits.</summary>
    internal void Complete() => _stopping = true;
}

namespace Numi.Core.Funnels.Events;

/// <summary>Where accepted funnel events end up (the database, in production). Called by one background writer with
/// batches of up to a few hundred events; an implementation writes a batch in one round trip where it can and throws
/// if it could not store it, in which case the writer tries the same batch again, so a batch must be all or nothing.</summary>
public interface IFunnelEventStore
{
    Task AppendAsync(IReadOnlyList<AcceptedFunnelEvent> events, CancellationToken ct);
}

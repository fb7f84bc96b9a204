using System.Collections.Concurrent;
using Numi.Core.Funnels;
using Numi.Core.Tenancy;

namespace Numi.Web.Features.FunnelRuntime;

/// <summary>What a funnel's public URL serves, kept in memory so a shopper's view does not read and parse it again:
/// the published funnel by (organization slug, funnel slug), and the steps of any version by its id.
/// <para>A version never changes once published, so its steps are kept until the cache is full. Which version a URL
/// serves changes on publish, rollback, archive, restore and an organization's rename: every such save on this node
/// evicts its organization's entries at once (<see cref="PublishedFunnelEviction"/>); another node's save shows here
/// within <c>Numi:Funnels:RuntimeCacheDuration</c> (5 s by default), the life of an entry.</para></summary>
public sealed partial class PublishedFunnelCache(TimeProvider clock, TimeSpan duration)
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(5);

    /// <summary>Funnels and versions kept at most each; past it, nothing new is kept (expired funnels are swept first).</summary>
    private const int MaxEntries = 10_000;

    private sealed record Kept(PublishedFunnel Funnel, DateTime Expires);

    private readonly ConcurrentDictionary<(string Organization, string Funnel), Kept> _funnels = new();
    private readonly ConcurrentDictionary<Guid, FunnelSnapshot> _versions = new();
    private long _generation;

    /// <summary>Read before reading a funnel from the database and given back to <see cref="Store"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The published funnel for these normalized slugs, if kept and not expired.</summary>
    public bool TryGet(string organizationSlug, string funnelSlug, out PublishedFunnel funnel)
    {
        funnel = null!;
        if (!_funnels.TryGetValue((organizationSlug, funnelSlug), out var kept) || kept.Expires <= clock.GetUtcNow().UtcDateTime) return false;
        funnel = kept.Funnel;
        return true;
    }

    /// <summary>Keeps a funnel read since <paramref name="readFrom"/> (the <see cref="Generation"/> read before the
    /// read) unless an eviction happened meanwhile: the read may have seen the funnel before that change. Put in first
    /// and checked after, so an eviction either finds it or is seen by the check.</summary>
    public void Store(string organizationSlug, string funnelSlug, PublishedFunnel funnel, long readFrom)
    {
        if (duration <= TimeSpan.Zero) return;
        if (_funnels.Count >= MaxEntries) Sweep();
        if (_funnels.Count >= MaxEntries) return;
        var key = (organizationSlug, funnelSlug);
        var kept = new Kept(funnel, clock.GetUtcNow().UtcDateTime + duration);
        _funnels[key] = kept;
        if (Generation != readFrom) _funnels.TryRemove(new KeyValuePair<(string, string), Kept>(key, kept));
        KeepVersion(funnel.VersionId, funnel.Snapshot);
    }

    public bool TryGetVersion(Guid versionId, out FunnelSnapshot snapshot) => _versions.TryGetValue(versionId, out snapshot!);

    /// <summary>Keeps a version's steps: they never change, so no eviction is needed.</summary>
    public void KeepVersion(Guid versionId, FunnelSnapshot snapshot)
    {
        if (_versions.Count < MaxEntries) _versions.TryAdd(versionId, snapshot);
    }

    /// <summary>Drops every funnel and page of the organization (its URLs may now serve another version, or nothing).</summary>
    public void Evict(Guid organizationId)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (key, kept) in _funnels)
        {
            if (kept.Funnel.OrganizationId == organizationId) _funnels.TryRemove(key, out _);
        }
        EvictPages(organizationId);
    }

    private void Sweep()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (key, kept) in _funnels)
        {
            if (kept.Expires <= now) _funnels.TryRemove(key, out _);
        }
    }
}

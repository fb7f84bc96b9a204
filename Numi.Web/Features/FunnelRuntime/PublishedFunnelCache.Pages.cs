using System.Collections.Concurrent;

namespace Numi.Web.Features.FunnelRuntime;

/// <summary>Beside the funnels, the entry page a new visitor is shown, as the bytes the app rendered for an earlier new
/// visitor of the same version, step and arm (<see cref="FunnelFirstViewMiddleware"/>). It shows the organization's
/// name and offers, so it is dropped with the organization's funnels, by its funnel, offer and organization saves
/// (<see cref="PublishedFunnelEviction"/>), and lives no longer than a funnel.</summary>
public sealed partial class PublishedFunnelCache
{
    public sealed record Page(byte[] Body, string ContentType, string? ContentSecurityPolicy);

    private sealed record KeptPage(Guid OrganizationId, Page Page, DateTime Expires);

    private readonly ConcurrentDictionary<string, KeptPage> _pages = new(StringComparer.Ordinal);

    /// <summary>The key of a version's step as shown in one arm.</summary>
    public static string PageKey(Guid versionId, string stepKey, string arm) => $"{versionId:N}/{stepKey}/{arm}";

    public bool TryGetPage(string key, out Page page)
    {
        page = null!;
        if (!_pages.TryGetValue(key, out var kept) || kept.Expires <= clock.GetUtcNow().UtcDateTime) return false;
        page = kept.Page;
        return true;
    }

    /// <summary>Keeps a page rendered since <paramref name="renderedFrom"/> unless an eviction happened meanwhile.</summary>
    public void StorePage(Guid organizationId, string key, Page page, long renderedFrom)
    {
        if (duration <= TimeSpan.Zero) return;
        if (_pages.Count >= MaxEntries) SweepPages();
        if (_pages.Count >= MaxEntries) return;
        var kept = new KeptPage(organizationId, page, clock.GetUtcNow().UtcDateTime + duration);
        _pages[key] = kept;
        if (Generation != renderedFrom) _pages.TryRemove(new KeyValuePair<string, KeptPage>(key, kept));
    }

    private void EvictPages(Guid organizationId)
    {
        foreach (var (key, kept) in _pages)
        {
            if (kept.OrganizationId == organizationId) _pages.TryRemove(key, out _);
        }
    }

    private void SweepPages()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (key, kept) in _pages)
        {
            if (kept.Expires <= now) _pages.TryRemove(key, out _);
        }
    }
}

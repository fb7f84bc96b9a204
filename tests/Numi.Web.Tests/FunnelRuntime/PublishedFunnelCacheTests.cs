using Numi.Core.Funnels;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Tests.Support;
using Numi.Web.Features.FunnelRuntime;

namespace Numi.Web.Tests.FunnelRuntime;

/// <summary>The published funnels a node keeps: per organization and funnel slug, for a few seconds at most, dropped
/// by their organization's saves, and never kept from a read that an eviction overtook.</summary>
public sealed class PublishedFunnelCacheTests
{
    private static readonly Guid Alpha = Guid.NewGuid(), Beta = Guid.NewGuid();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    private static PublishedFunnel Funnel(Guid organization, string headline = "Hello") => new(organization, Guid.NewGuid(), "Wake up",
        Guid.NewGuid(), 1, new FunnelSnapshot([new SnapshotStep("step_1", FunnelStepType.Landing, headline, null, [], [], 100, [])]));

    [Fact]
    public void A_kept_funnel_is_found_by_its_slugs_until_it_expires()
    {
        var cache = new PublishedFunnelCache(_clock, TimeSpan.FromSeconds(5));
        var funnel = Funnel(Alpha);
        cache.Store("alpha", "wake", funnel, cache.Generation);

        Assert.True(cache.TryGet("alpha", "wake", out var found));
        Assert.Same(funnel, found);
        Assert.False(cache.TryGet("beta", "wake", out _));
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(cache.TryGet("alpha", "wake", out _));
    }

    [Fact]
    public void Evicting_an_organization_drops_its_funnels_only_and_keeps_their_versions()
    {
        var cache = new PublishedFunnelCache(_clock, TimeSpan.FromSeconds(5));
        var (alpha, beta) = (Funnel(Alpha), Funnel(Beta));
        cache.Store("alpha", "wake", alpha, cache.Generation);
        cache.Store("beta", "wake", beta, cache.Generation);

        cache.Evict(Alpha);

        Assert.False(cache.TryGet("alpha", "wake", out _));
        Assert.True(cache.TryGet("beta", "wake", out _));
        Assert.True(cache.TryGetVersion(alpha.VersionId, out var steps));
        Assert.Same(alpha.Snapshot, steps);
    }

    [Fact]
    public void A_funnel_read_before_an_eviction_is_not_kept()
    {
        var cache = new PublishedFunnelCache(_clock, TimeSpan.FromSeconds(5));
        var readFrom = cache.Generation;
        cache.Evict(Alpha);

        cache.Store("alpha", "wake", Funnel(Alpha), readFrom);

        Assert.False(cache.TryGet("alpha", "wake", out _));
    }

    [Fact]
    public void Entry_pages_are_kept_per_key_until_their_organization_is_evicted_or_they_expire()
    {
        var cache = new PublishedFunnelCache(_clock, TimeSpan.FromSeconds(5));
        var page = new PublishedFunnelCache.Page([1, 2, 3], "text/html", null);
        var (alpha, beta) = (PublishedFunnelCache.PageKey(Guid.NewGuid(), "step_1", "control"), PublishedFunnelCache.PageKey(Guid.NewGuid(), "step_1", "control"));
        cache.StorePage(Alpha, alpha, page, cache.Generation);
        cache.StorePage(Beta, beta, page, cache.Generation);

        cache.Evict(Alpha);

        Assert.False(cache.TryGetPage(alpha, out _));
        Assert.True(cache.TryGetPage(beta, out var kept));
        Assert.Same(page, kept);
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(cache.TryGetPage(beta, out _));
    }

    [Fact]
    public void A_page_rendered_before_an_eviction_is_not_kept()
    {
        var cache = new PublishedFunnelCache(_clock, TimeSpan.FromSeconds(5));
        var renderedFrom = cache.Generation;
        cache.Evict(Beta);
        var key = PublishedFunnelCache.PageKey(Guid.NewGuid(), "step_1", "control");

        cache.StorePage(Alpha, key, new PublishedFunnelCache.Page([1], "text/html", null), renderedFrom);

        Assert.False(cache.TryGetPage(key, out _));
    }

    [Fact]
    public void A_zero_duration_keeps_nothing()
    {
        var cache = new PublishedFunnelCache(_clock, TimeSpan.Zero);
        cache.Store("alpha", "wake", Funnel(Alpha), cache.Generation);
        Assert.False(cache.TryGet("alpha", "wake", out _));
    }
}

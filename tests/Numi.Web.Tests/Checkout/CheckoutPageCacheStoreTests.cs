using Numi.Web.Features.Checkout;

namespace Numi.Web.Tests.Checkout;

/// <summary>The page store itself: pages expire, a tag drops every page it marks and no other.</summary>
public sealed class CheckoutPageCacheStoreTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static CheckoutPageCache.Page Page(Clock clock, TimeSpan lifetime, params string[] tags) =>
        new([1, 2, 3], "text/html", null, clock.Now.UtcDateTime, clock.Now.UtcDateTime + lifetime, tags);

    [Fact]
    public void A_page_is_served_until_it_expires()
    {
        var clock = new Clock();
        var cache = new CheckoutPageCache(clock, TimeSpan.FromSeconds(5));
        cache.Store("/checkout/cs_a", Page(clock, TimeSpan.FromSeconds(5), "checkout:a"), cache.Generation);

        Assert.True(cache.TryGet("/checkout/cs_a", out _));
        clock.Now += TimeSpan.FromSeconds(5);
        Assert.False(cache.TryGet("/checkout/cs_a", out _));
    }

    [Fact]
    public void Evicting_a_tag_drops_every_page_it_marks_and_keeps_the_others()
    {
        var clock = new Clock();
        var cache = new CheckoutPageCache(clock, TimeSpan.FromSeconds(5));
        cache.Store("/checkout/cs_a", Page(clock, TimeSpan.FromSeconds(5), "checkout:a", "order:1"), cache.Generation);
        cache.Store("/checkout/cs_a?declined=1", Page(clock, TimeSpan.FromSeconds(5), "checkout:a"), cache.Generation);
        cache.Store("/checkout/cs_b", Page(clock, TimeSpan.FromSeconds(5), "checkout:b", "order:2"), cache.Generation);

        cache.Evict("checkout:a");

        Assert.False(cache.TryGet("/checkout/cs_a", out _));
        Assert.False(cache.TryGet("/checkout/cs_a?declined=1", out _));
        Assert.True(cache.TryGet("/checkout/cs_b", out var kept));
        Assert.Equal([1, 2, 3], kept.Body);
        cache.Evict("order:2");
        Assert.False(cache.TryGet("/checkout/cs_b", out _));
    }

    [Fact]
    public void Evicting_an_organization_drops_its_pages_of_every_session_and_keeps_other_organizations()
    {
        var clock = new Clock();
        var cache = new CheckoutPageCache(clock, TimeSpan.FromSeconds(5));
        Guid alpha = Guid.NewGuid(), bravo = Guid.NewGuid();
        cache.Store("/checkout/cs_a", Page(clock, TimeSpan.FromSeconds(5), "checkout:a", CheckoutPageCache.OrganizationTag(alpha)), cache.Generation);
        cache.Store("/checkout/cs_b", Page(clock, TimeSpan.FromSeconds(5), "checkout:b", "order:2", CheckoutPageCache.OrganizationTag(alpha)), cache.Generation);
        cache.Store("/checkout/cs_c", Page(clock, TimeSpan.FromSeconds(5), "checkout:c", CheckoutPageCache.OrganizationTag(bravo)), cache.Generation);

        cache.Evict(CheckoutPageCache.OrganizationTag(alpha));

        Assert.False(cache.TryGet("/checkout/cs_a", out _));
        Assert.False(cache.TryGet("/checkout/cs_b", out _));
        Assert.True(cache.TryGet("/checkout/cs_c", out _));
        // A page stored again after the eviction is kept and dropped by the next one.
        cache.Store("/checkout/cs_a", Page(clock, TimeSpan.FromSeconds(5), "checkout:a", CheckoutPageCache.OrganizationTag(alpha)), cache.Generation);
        Assert.True(cache.TryGet("/checkout/cs_a", out _));
        cache.Evict("checkout:a");
        Assert.False(cache.TryGet("/checkout/cs_a", out _));
    }

    [Fact]
    public void A_page_rendered_while_one_of_its_tags_was_evicted_is_not_kept()
    {
        var clock = new Clock();
        var cache = new CheckoutPageCache(clock, TimeSpan.FromSeconds(5));
        var organization = CheckoutPageCache.OrganizationTag(Guid.NewGuid());
        var renderedFrom = cache.Generation;

        // While the two pages render, the merchant's save evicts the organization, and another session changes.
        cache.Evict(organization);
        cache.Evict("checkout:other");
        cache.Store("/checkout/cs_a", Page(clock, TimeSpan.FromSeconds(5), "checkout:a", organization), renderedFrom);
        cache.Store("/checkout/cs_b", Page(clock, TimeSpan.FromSeconds(5), "checkout:b", CheckoutPageCache.OrganizationTag(Guid.NewGuid())), renderedFrom);

        Assert.False(cache.TryGet("/checkout/cs_a", out _), "It may show the organization as it was before the save.");
        Assert.True(cache.TryGet("/checkout/cs_b", out _));
        cache.Store("/checkout/cs_a", Page(clock, TimeSpan.FromSeconds(5), "checkout:a", organization), cache.Generation);
        Assert.True(cache.TryGet("/checkout/cs_a", out _));
    }

    [Fact]
    public void After_more_evictions_than_it_remembers_a_page_rendered_meanwhile_is_not_kept()
    {
        var clock = new Clock();
        var cache = new CheckoutPageCache(clock, TimeSpan.FromSeconds(5));
        var renderedFrom = cache.Generation;
        for (var i = 0; i < 1_000; i++) cache.Evict($"checkout:{i}");

        cache.Store("/checkout/cs_a", Page(clock, TimeSpan.FromSeconds(5), "checkout:a"), renderedFrom);

        Assert.False(cache.TryGet("/checkout/cs_a", out _));
    }

    [Fact]
    public void A_sweep_forgets_pages_dropped_by_another_tag_or_by_expiry_and_keeps_the_live_ones_evictable()
    {
        var clock = new Clock();
        var cache = new CheckoutPageCache(clock, TimeSpan.FromSeconds(5));
        var organization = CheckoutPageCache.OrganizationTag(Guid.NewGuid());
        cache.Store("/checkout/cs_a", Page(clock, TimeSpan.FromSeconds(5), "checkout:a", organization), cache.Generation);
        cache.Store("/checkout/cs_b", Page(clock, TimeSpan.FromSeconds(1), "checkout:b", organization), cache.Generation);
        cache.Store("/checkout/cs_c", Page(clock, TimeSpan.FromSeconds(5), "checkout:c", organization), cache.Generation);
        Assert.Equal(6, cache.TagEntries);

        cache.Evict("checkout:a");                 // still listed under its organization until swept
        clock.Now += TimeSpan.FromSeconds(2);      // cs_b expires
        cache.Sweep();

        Assert.Equal(2, cache.TagEntries);         // cs_c under its session and its organization
        Assert.True(cache.TryGet("/checkout/cs_c", out _));
        cache.Evict(organization);
        Assert.False(cache.TryGet("/checkout/cs_c", out _));
    }

    [Fact]
    public void A_full_store_keeps_no_more_pages_and_sweeps_at_most_once_a_second_until_its_pages_expire()
    {
        var clock = new Clock();
        var cache = new CheckoutPageCache(clock, TimeSpan.FromSeconds(5));
        for (var i = 0; i < 10_000; i++) cache.Store($"/checkout/cs_{i}", Page(clock, TimeSpan.FromSeconds(5), $"checkout:{i}"), cache.Generation);
        var sweeps = cache.Sweeps;

        for (var i = 10_000; i < 11_000; i++) cache.Store($"/checkout/cs_{i}", Page(clock, TimeSpan.FromSeconds(5), $"checkout:{i}"), cache.Generation);

        Assert.False(cache.TryGet("/checkout/cs_10999", out _));    // full: not kept
        Assert.True(cache.TryGet("/checkout/cs_9999", out _));
        Assert.Equal(sweeps + 1, cache.Sweeps);                     // the 10,240th store's periodic sweep, not 1,000
        clock.Now += TimeSpan.FromSeconds(6);                        // every page expired, and a second since that sweep
        cache.Store("/checkout/cs_new", Page(clock, TimeSpan.FromSeconds(5), "checkout:new"), cache.Generation);
        Assert.Equal(sweeps + 2, cache.Sweeps);
        Assert.True(cache.TryGet("/checkout/cs_new", out _));
        Assert.Equal(1, cache.TagEntries);
    }
}

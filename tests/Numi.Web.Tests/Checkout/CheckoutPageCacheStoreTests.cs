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
        cache.Store("/checkout/cs_a", Page(clock, TimeSpan.FromSeconds(5), "checkout:a"));

        Assert.True(cache.TryGet("/checkout/cs_a", out _));
        clock.Now += TimeSpan.FromSeconds(5);
        Assert.False(cache.TryGet("/checkout/cs_a", out _));
    }

    [Fact]
    public void Evicting_a_tag_drops_every_page_it_marks_and_keeps_the_others()
    {
        var clock = new Clock();
        var cache = new CheckoutPageCache(clock, TimeSpan.FromSeconds(5));
        cache.Store("/checkout/cs_a", Page(clock, TimeSpan.FromSeconds(5), "checkout:a", "order:1"));
        cache.Store("/checkout/cs_a?declined=1", Page(clock, TimeSpan.FromSeconds(5), "checkout:a"));
        cache.Store("/checkout/cs_b", Page(clock, TimeSpan.FromSeconds(5), "checkout:b", "order:2"));

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
        cache.Store("/checkout/cs_a", Page(clock, TimeSpan.FromSeconds(5), "checkout:a", CheckoutPageCache.OrganizationTag(alpha)));
        cache.Store("/checkout/cs_b", Page(clock, TimeSpan.FromSeconds(5), "checkout:b", "order:2", CheckoutPageCache.OrganizationTag(alpha)));
        cache.Store("/checkout/cs_c", Page(clock, TimeSpan.FromSeconds(5), "checkout:c", CheckoutPageCache.OrganizationTag(bravo)));

        cache.Evict(CheckoutPageCache.OrganizationTag(alpha));

        Assert.False(cache.TryGet("/checkout/cs_a", out _));
        Assert.False(cache.TryGet("/checkout/cs_b", out _));
        Assert.True(cache.TryGet("/checkout/cs_c", out _));
        // A page stored again after the eviction is kept and dropped by the next one.
        cache.Store("/checkout/cs_a", Page(clock, TimeSpan.FromSeconds(5), "checkout:a", CheckoutPageCache.OrganizationTag(alpha)));
        Assert.True(cache.TryGet("/checkout/cs_a", out _));
        cache.Evict("checkout:a");
        Assert.False(cache.TryGet("/checkout/cs_a", out _));
    }
}

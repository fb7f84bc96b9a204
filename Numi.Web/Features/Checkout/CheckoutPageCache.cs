using System.Collections.Concurrent;
using Numi.Core.Checkout;

namespace Numi.Web.Features.Checkout;

/// <summary>A shopper's checkout pages kept in memory between changes, as the bytes that were sent. A page is kept per
/// URL (the session's unguessable id and its query; an offer's link and its <c>?discount=</c>), tagged with its session, order and organization so a save can
/// drop it (<see cref="CheckoutPageEviction"/>: the shopper's own changes, and the merchant's catalog, tax, discount and
/// Stripe changes), for <c>Checkout:PageCacheDuration</c> (5 s by default) at most and never past the session's expiry.
/// Another node's changes are seen within that time.</summary>
public sealed partial class CheckoutPageCache(TimeProvider clock, TimeSpan duration)
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(5);

    /// <summary>Pages kept at most; past it, expired pages are dropped first and new ones are not kept.</summary>
    private const int MaxPages = 10_000;

    /// <summary>Every this many pages stored, the store is swept (<see cref="Sweep"/>).</summary>
    private const int SweepEvery = 1_024;
    private long _stores;

    /// <summary>A full store is swept again only this long after its last sweep: while more pages than
    /// <see cref="MaxPages"/> are live (over 2,000 first views a second for the default 5 s), sweeping on every store
    /// walked 10,000 pages per request and took 38 % of the CPU of a run of 16,000 first views.</summary>
    private static readonly TimeSpan FullSweepInterval = TimeSpan.FromSeconds(1);
    private long _sweptAtTicks;
    private int _sweeping;
    private long _sweeps;

    /// <summary>How many sweeps have run (tests).</summary>
    internal long Sweeps => Interlocked.Read(ref _sweeps);

    public sealed record Page(byte[] Body, string ContentType, string? ContentSecurityPolicy, DateTime StoredAt, DateTime Expires, IReadOnlyList<string> Tags);

    /// <summary>What the rendered page says of itself: the tags to evict it by, how long it may be kept, and for a
    /// session's page the session it shows and the kept offer it was rendered from (<see cref="CheckoutPageTemplates"/>).</summary>
    public sealed record Description(IReadOnlyList<string> Tags, TimeSpan Lifetime, CheckoutOffer? Offer = null, CheckoutSession? Session = null);

    private readonly ConcurrentDictionary<string, Page> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _byTag = new(StringComparer.Ordinal);

    /// <summary>The last evictions, by generation (the count of evictions so far), to tell whether a page rendered while
    /// one of its tags was evicted: that render may have read the data before the change.</summary>
    private sealed record Eviction(long Generation, string Tag);

    private const int RecentEvictions = 256;
    private readonly Eviction?[] _recent = new Eviction?[RecentEvictions];
    private long _generation;

    /// <summary>Read before rendering a page and given back to <see cref="Store"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public TimeSpan Duration => duration;

    public static string SessionTag(Guid sessionId) => $"checkout:{sessionId:N}";

    public static string OrderTag(Guid orderId) => $"order:{orderId:N}";

    public static string OrganizationTag(Guid organizationId) => $"organization:{organizationId:N}";

    /// <summary>A funnel's checkout steps (FunnelCheckoutStepMiddleware), dropped by any save of the funnel.</summary>
    public static string FunnelTag(Guid funnelId) => $"funnel:{funnelId:N}";

    public bool TryGet(string key, out Page page)
    {
        if (_pages.TryGetValue(key, out page!) && page.Expires > clock.GetUtcNow().UtcDateTime) return true;
        if (page is not null) _pages.TryRemove(new KeyValuePair<string, Page>(key, page));
        return false;
    }

    /// <summary>Keeps a page rendered since <paramref name="renderedFrom"/> (the <see cref="Generation"/> read before
    /// rendering), unless one of its tags was evicted meanwhile. The page is put in first and checked after, so an
    /// eviction either finds it or is seen by the check.</summary>
    public void Store(string key, Page page, long renderedFrom)
    {
        if (Interlocked.Increment(ref _stores) % SweepEvery == 0 || (_pages.Count >= MaxPages && FullSweepDue())) TrySweep();
        if (_pages.Count >= MaxPages) return;
        _pages[key] = page;
        foreach (var tag in page.Tags) _byTag.GetOrAdd(tag, _ => new(StringComparer.Ordinal))[key] = 0;
        if (EvictedSince(renderedFrom, page.Tags)) _pages.TryRemove(new KeyValuePair<string, Page>(key, page));
    }

    public void Evict(string tag)
    {
        var generation = Interlocked.Increment(ref _generation);
        _recent[generation % RecentEvictions] = new Eviction(generation, tag);
        _offers.TryRemove(tag, out _);
        if (!_byTag.TryRemove(tag, out var keys)) return;
        foreach (var key in keys.Keys) _pages.TryRemove(key, out _);
    }

    /// <summary>Whether one of the tags was evicted after <paramref name="generation"/>; when the evictions since then are
    /// no longer all known (too many, or one still being recorded), assumes so.</summary>
    internal bool EvictedSince(long generation, IReadOnlyList<string> tags)
    {
        var now = Generation;
        if (now - generation >= RecentEvictions) return true;
        for (var g = generation + 1; g <= now; g++)
        {
            if (Volatile.Read(ref _recent[g % RecentEvictions]) is not { } eviction || eviction.Generation != g) return true;
            if (tags.Contains(eviction.Tag, StringComparer.Ordinal)) return true;
        }
        return false;
    }

    private bool FullSweepDue() =>
        clock.GetUtcNow().UtcTicks - Interlocked.Read(ref _sweptAtTicks) >= FullSweepInterval.Ticks;

    /// <summary>Sweeps unless another request is sweeping now.</summary>
    private void TrySweep()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1) return;
        try
        {
            Sweep();
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    /// <summary>Drops expired pages and offers, and the tag index's entries for pages no longer kept: a page dropped by one of its
    /// tags (or by expiry) is still listed under its others, and an organization's list would otherwise only grow.</summary>
    internal void Sweep()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Interlocked.Exchange(ref _sweptAtTicks, clock.GetUtcNow().UtcTicks);
        Interlocked.Increment(ref _sweeps);
        foreach (var (key, page) in _pages)
            if (page.Expires <= now) _pages.TryRemove(key, out _);
        SweepOffers(now);
        foreach (var (tag, keys) in _byTag)
        {
            foreach (var key in keys.Keys)
                if (!_pages.ContainsKey(key)) keys.TryRemove(key, out _);
            if (keys.IsEmpty) _byTag.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, byte>>(tag, keys));
        }
    }

    /// <summary>How many pages the tag index lists, counting a page once per tag.</summary>
    internal int TagEntries => _byTag.Values.Sum(keys => keys.Count);

    /// <summary>Called by an offer's page at its shareable link (no session): the same for everyone until the
    /// organization's offers, catalog, tax rates, codes or settings change.</summary>
    public static void DescribeOffer(HttpContext? http, Guid organizationId)
    {
        if (http is null) return;
        http.Items[typeof(Description)] = new Description([OrganizationTag(organizationId)], TimeSpan.MaxValue);
    }

    /// <summary>Called by the page once it knows what it shows: its session, order and organization tags, and an open
    /// session's page is kept no longer than the session stays open.</summary>
    public static void Describe(HttpContext? http, CheckoutSession session, Guid? orderId, DateTime now, CheckoutOffer? offer = null)
    {
        if (http is null) return;
        http.Items[typeof(Description)] = Of(session, orderId, now, offer);
    }

    /// <summary>How a session's page describes itself (<see cref="Describe"/>).</summary>
    internal static Description Of(CheckoutSession session, Guid? orderId, DateTime now, CheckoutOffer? offer = null)
    {
        var tags = new List<string> { SessionTag(session.Id), OrganizationTag(session.OrganizationId) };
        if (orderId is { } order) tags.Add(OrderTag(order));
        var lifetime = TimeSpan.MaxValue;
        if (session.Status == CheckoutSessionStatus.Open && session.PendingPaymentIntent is null) lifetime = session.ExpiresAt - now;
        return new Description(tags, lifetime, offer, session);
    }
}

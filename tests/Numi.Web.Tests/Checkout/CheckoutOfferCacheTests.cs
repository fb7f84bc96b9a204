using Numi.Core.Offers;
using Numi.Infrastructure.Tests.Support;
using Numi.Web.Features.Checkout;

namespace Numi.Web.Tests.Checkout;

/// <summary>The offers kept beside the pages (<see cref="CheckoutPageCache.StoreOffer"/>): kept per organization, for the
/// page cache's duration, dropped with the organization's pages.</summary>
public sealed class CheckoutOfferCacheTests
{
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));

    private static CheckoutOffer OfferOf(Guid organizationId)
    {
        var offer = Offer.Create("Coffee club", "coffee-club", null, "usd", new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
        offer.OrganizationId = organizationId;
        return new CheckoutOffer(offer, new Dictionary<Guid, Core.Catalog.Price>(), [], null);
    }

    [Fact]
    public void An_offer_is_kept_for_the_page_cache_duration_and_only_for_its_organization()
    {
        var clock = Clock();
        var cache = new CheckoutPageCache(clock, TimeSpan.FromSeconds(5));
        var kept = OfferOf(Guid.NewGuid());
        cache.StoreOffer(kept, cache.Generation);

        Assert.True(cache.TryGetOffer(kept.Offer.OrganizationId, kept.Offer.Id, out var found));
        Assert.Same(kept, found);
        Assert.False(cache.TryGetOffer(Guid.NewGuid(), kept.Offer.Id, out _), "Another organization must never find it.");
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(cache.TryGetOffer(kept.Offer.OrganizationId, kept.Offer.Id, out _));
    }

    [Fact]
    public void Evicting_an_organization_drops_its_offers_and_keeps_other_organizations()
    {
        var cache = new CheckoutPageCache(Clock(), TimeSpan.FromSeconds(5));
        var (alpha, bravo) = (OfferOf(Guid.NewGuid()), OfferOf(Guid.NewGuid()));
        cache.StoreOffer(alpha, cache.Generation);
        cache.StoreOffer(bravo, cache.Generation);

        cache.Evict(CheckoutPageCache.SessionTag(Guid.NewGuid()));
        Assert.True(cache.TryGetOffer(alpha.Offer.OrganizationId, alpha.Offer.Id, out _), "A session's change leaves the offer.");
        cache.Evict(CheckoutPageCache.OrganizationTag(alpha.Offer.OrganizationId));

        Assert.False(cache.TryGetOffer(alpha.Offer.OrganizationId, alpha.Offer.Id, out _));
        Assert.True(cache.TryGetOffer(bravo.Offer.OrganizationId, bravo.Offer.Id, out _));
    }

    [Fact]
    public void An_offer_read_while_its_organization_was_evicted_is_not_kept()
    {
        var cache = new CheckoutPageCache(Clock(), TimeSpan.FromSeconds(5));
        var offer = OfferOf(Guid.NewGuid());
        var readFrom = cache.Generation;

        cache.Evict(CheckoutPageCache.OrganizationTag(offer.Offer.OrganizationId));
        cache.StoreOffer(offer, readFrom);

        Assert.False(cache.TryGetOffer(offer.Offer.OrganizationId, offer.Offer.Id, out _), "It may hold the offer as it was before the save.");
    }

    [Fact]
    public void With_the_page_cache_off_no_offer_is_kept()
    {
        var cache = new CheckoutPageCache(Clock(), TimeSpan.Zero);
        var offer = OfferOf(Guid.NewGuid());
        cache.StoreOffer(offer, cache.Generation);

        Assert.False(cache.TryGetOffer(offer.Offer.OrganizationId, offer.Offer.Id, out _));
    }

    [Fact]
    public void A_sweep_drops_offers_expired_for_longer_than_their_templates_may_continue()
    {
        var clock = Clock();
        var cache = new CheckoutPageCache(clock, TimeSpan.FromSeconds(5));
        var offer = OfferOf(Guid.NewGuid());
        cache.StoreOffer(offer, cache.Generation);
        var past = TimeSpan.FromSeconds(6) + CheckoutPageCache.ContinuedFor;
        clock.Advance(past);

        cache.Sweep();
        clock.Advance(-past);

        Assert.False(cache.TryGetOffer(offer.Offer.OrganizationId, offer.Offer.Id, out _), "Swept, not only past its time.");
    }
}

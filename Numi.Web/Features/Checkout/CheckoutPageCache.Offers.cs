using System.Collections.Concurrent;

namespace Numi.Web.Features.Checkout;

/// <summary>Beside the pages, the offers they are rendered from (<see cref="CheckoutOffer"/>), so a page rendered for the
/// first time (every shopper's own session page is) reads only its session. An offer is kept under its organization's
/// tag, so it is dropped by the same saves as the organization's pages (<see cref="CheckoutPageEviction"/>), and for
/// <c>Checkout:PageCacheDuration</c> at most, so another node's change shows within that time here too.</summary>
public sealed partial class CheckoutPageCache
{
    private sealed record KeptOffer(CheckoutOffer Offer, DateTime Expires);

    /// <summary>By organization tag, then offer id: evicting the tag drops all its offers at once.</summary>
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, KeptOffer>> _offers = new(StringComparer.Ordinal);

    public bool TryGetOffer(Guid organizationId, Guid offerId, out CheckoutOffer offer)
    {
        offer = null!;
        if (!_offers.TryGetValue(OrganizationTag(organizationId), out var kept) || !kept.TryGetValue(offerId, out var entry)) return false;
        if (entry.Expires <= clock.GetUtcNow().UtcDateTime) return false;
        offer = entry.Offer;
        return true;
    }

    /// <summary>Keeps an offer read since <paramref name="readFrom"/> (the <see cref="Generation"/> read before reading
    /// it), unless its organization's tag was evicted meanwhile: it may have been read before the change.</summary>
    public void StoreOffer(CheckoutOffer offer, long readFrom)
    {
        if (duration <= TimeSpan.Zero) return;
        var tag = OrganizationTag(offer.Offer.OrganizationId);
        var kept = _offers.GetOrAdd(tag, _ => new());
        if (kept.TryGetValue(offer.Offer.Id, out var before)) offer.Continue(before.Offer);
        var entry = new KeptOffer(offer, clock.GetUtcNow().UtcDateTime + duration);
        kept[offer.Offer.Id] = entry;
        if (EvictedSince(readFrom, [tag])) kept.TryRemove(new KeyValuePair<Guid, KeptOffer>(offer.Offer.Id, entry));
    }

    /// <summary>How long an offer stays after it expired, found by nothing but its next read, which continues its
    /// templates when nothing changed (<see cref="CheckoutOffer.Continue"/>).</summary>
    internal static readonly TimeSpan ContinuedFor = TimeSpan.FromHours(1);

    private void SweepOffers(DateTime now)
    {
        foreach (var (tag, kept) in _offers)
        {
            foreach (var (id, entry) in kept)
                if (entry.Expires + ContinuedFor <= now) kept.TryRemove(new KeyValuePair<Guid, KeptOffer>(id, entry));
            if (kept.IsEmpty) _offers.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Guid, KeptOffer>>(tag, kept));
        }
    }
}

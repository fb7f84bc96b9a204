using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Offers;
using Numi.Core.Tax;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Stripe;

namespace Numi.Web.Features.Checkout;

/// <summary>What a checkout page shows that depends on the organization alone, not on the shopper: the offer with its
/// slots and the prices they sell, the organization's active tax rates and its Stripe publishable key (null without
/// Stripe). Read untracked and never changed after, so one instance serves concurrent pages.</summary>
public sealed record CheckoutOffer(Offer Offer, IReadOnlyDictionary<Guid, Price> Prices, IReadOnlyList<TaxRate> TaxRates, string? StripeKey);

/// <summary>Finds a <see cref="CheckoutOffer"/> of the current organization, from <see cref="CheckoutPageCache"/> when
/// it holds it, else from the database (and keeps it there).</summary>
public sealed class CheckoutOffers(NumiDbContext db, CheckoutPageCache cache, StripeConnections stripe)
{
    /// <summary>The offer as its checkout shows it; null when the current organization has no such offer. The query
    /// filter keeps it inside the organization entered, and the cache keys it by that organization.</summary>
    public async Task<CheckoutOffer?> FindAsync(Guid organizationId, Guid offerId, CancellationToken ct)
    {
        if (cache.TryGetOffer(organizationId, offerId, out var kept)) return kept;
        var readFrom = cache.Generation;
        var offer = await db.Offers.AsNoTracking().WithSlots().AsSplitQuery().FirstOrDefaultAsync(o => o.Id == offerId, ct);
        if (offer is null) return null;
        var ids = offer.Slots.SelectMany(s => s.Options.Select(o => o.PriceId).Append(s.DefaultPriceId)).Distinct().ToList();
        var prices = await db.Prices.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var rates = await db.TaxRates.AsNoTracking().Where(r => r.Active).ToListAsync(ct);
        var found = new CheckoutOffer(offer, prices, rates, (await stripe.CurrentAsync(ct))?.PublishableKey);
        cache.StoreOffer(found, readFrom);
        return found;
    }

    /// <summary>The offer's prices plus those a session chose that it no longer sells (replaced since), which the session
    /// is still priced at.</summary>
    public async Task<Dictionary<Guid, Price>> PricesForAsync(CheckoutOffer offer, IEnumerable<Guid> chosen, CancellationToken ct)
    {
        var prices = new Dictionary<Guid, Price>(offer.Prices);
        var missing = chosen.Where(id => !prices.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
            foreach (var price in await db.Prices.AsNoTracking().Where(p => missing.Contains(p.Id)).ToListAsync(ct)) prices[price.Id] = price;
        return prices;
    }
}

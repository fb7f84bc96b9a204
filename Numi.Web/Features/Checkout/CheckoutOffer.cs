using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Offers;
using Numi.Core.Tax;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Stripe;

namespace Numi.Web.Features.Checkout;

/// <summary>What a checkout page shows that depends on the organization alone, not on the shopper: the offer with its
/// slots and the prices they sell, the organization's active tax rates and its Stripe publishable key (null without
/// Stripe). Read untracked and never changed after, so one instance serves concurrent pages.</summary>
public sealed record CheckoutOffer(Offer Offer, IReadOnlyDictionary<Guid, Price> Prices, IReadOnlyList<TaxRate> TaxRates, string? StripeKey)
{
    /// <summary>What the page shows of the offer as read, as a hash (<see cref="CheckoutOfferVersion"/>): a later read
    /// with the same version continues this one's kept parts and templates; empty until set.</summary>
    public string Version { get; init; } = "";

    /// <summary>The part the page's posts choose and pay with (<see cref="ChooseCheckoutHandler"/>,
    /// <see cref="ConfirmCheckoutHandler"/>), so they do not read the offer again. As trustworthy on this node as a fresh
    /// read: every save of the organization's offer, prices, tax rates, discount codes, Stripe connection or details
    /// evicts it (<see cref="CheckoutPageEviction"/>). A change saved on another node shows here within
    /// <c>Checkout:PageCacheDuration</c>: a price deactivated there may still be charged here for that long, the same
    /// window the page cache already accepts for the pages showing it.</summary>
    public KnownOffer Known { get; } = new(Offer, Prices, TaxRates);

    /// <summary>Parts of the checkout page rendered from this offer once (<see cref="CheckoutOfferMarkup"/>), dropped with it.</summary>
    internal ConcurrentDictionary<string, MarkupString> Markup { get; } = new(StringComparer.Ordinal);

    /// <summary>Session pages rendered from this offer, cut at their session's id, by the state they show
    /// (<see cref="CheckoutPageTemplates"/>), dropped with it.</summary>
    internal ConcurrentDictionary<string, CheckoutPageTemplates.Template> Templates { get; } = new(StringComparer.Ordinal);

    /// <summary>Takes over the kept parts and the confirmed templates that may outlive a read
    /// (<see cref="CheckoutPageTemplates.Template.Carries"/>) from the same offer read before, when both reads found
    /// the same <see cref="Version"/>: an unchanged offer keeps them past <c>Checkout:PageCacheDuration</c>.</summary>
    internal void Continue(CheckoutOffer before)
    {
        if (Version.Length == 0 || before.Version != Version) return;
        foreach (var (key, markup) in before.Markup) Markup.TryAdd(key, markup);
        foreach (var (state, template) in before.Templates)
            if (template.IsConfirmed && template.Carries) Templates.TryAdd(state, template);
    }
}

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
        var trials = await db.Plans.AsNoTracking().Where(p => ids.Contains(p.PriceId) && p.ArchivedAt == null)
            .Select(p => new { p.PriceId, p.Settings }).ToListAsync(ct);
        var key = (await stripe.CurrentAsync(ct))?.PublishableKey;
        var found = new CheckoutOffer(offer, prices, rates, key)
        {
            Version = CheckoutOfferVersion.Of(offer, prices, rates, key, trials.ToDictionary(p => p.PriceId, p => p.Settings.TrialDays)),
        };
        cache.StoreOffer(found, readFrom);
        return found;
    }

    /// <summary>The offer's prices plus those a session chose that it no longer sells (replaced since), which the session
    /// is still priced at.</summary>
    public Task<Dictionary<Guid, Price>> PricesForAsync(CheckoutOffer offer, IEnumerable<Guid> chosen, CancellationToken ct) =>
        CheckoutQueries.WithChosenPricesAsync(db, offer.Prices, chosen, ct);
}

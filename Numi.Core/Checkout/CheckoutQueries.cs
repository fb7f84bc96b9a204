using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Offers;
using Numi.Core.Tax;

namespace Numi.Core.Checkout;

/// <summary>An offer with its slots, the prices its slots sell and the organization's active tax rates, already read
/// by the caller: the checkout page keeps them in memory between the organization's changes, so its posts need not
/// read them again to choose or pay. Never changed after it is read, and read-only to the handlers.</summary>
public sealed record KnownOffer(Offer Offer, IReadOnlyDictionary<Guid, Price> Prices, IReadOnlyList<TaxRate> TaxRates)
{
    /// <summary>Names of the organization's products as a payment read them (for its order's lines), kept for the next
    /// payments of this offer. As fresh as the offer itself: its holder drops both when a product of the organization
    /// is saved (the checkout page's CheckoutPageEviction).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, string> _productNames = new();

    /// <summary>Whether this is <paramref name="session"/>'s offer, of its organization: only then may its parts stand in
    /// for a read under the session's tenant.</summary>
    public bool Sells(CheckoutSession session) => Offer.Id == session.OfferId && Offer.OrganizationId == session.OrganizationId;

    /// <summary>The kept names of <paramref name="productIds"/>; null unless every one is kept.</summary>
    public IReadOnlyDictionary<Guid, string>? ProductNamesOf(IReadOnlyCollection<Guid> productIds)
    {
        var names = new Dictionary<Guid, string>(productIds.Count);
        foreach (var id in productIds)
        {
            if (!_productNames.TryGetValue(id, out var name)) return null;
            names[id] = name;
        }
        return names;
    }

    public void KeepProductNames(IReadOnlyDictionary<Guid, string> names)
    {
        foreach (var (id, name) in names) _productNames[id] = name;
    }
}

public static class CheckoutQueries
{
    /// <summary>An offer with its slots and every price its slots may sell, keyed by id, plus the prices a session
    /// chose (<paramref name="chosen"/>), which may since have been replaced.</summary>
    public static async Task<(Offer? Offer, Dictionary<Guid, Price> Prices)> LoadOfferAsync(INumiDb db, Guid offerId, CancellationToken ct,
        IEnumerable<Guid>? chosen = null)
    {
        var offer = await OfferQueries.LoadAsync(db, offerId, ct);
        if (offer is null) return (null, []);
        var ids = offer.Slots.SelectMany(s => s.Options.Select(o => o.PriceId).Append(s.DefaultPriceId)).Concat(chosen ?? []).Distinct().ToList();
        var prices = await db.Prices.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return (offer, prices);
    }

    /// <summary>The session's offer and prices as <see cref="LoadOfferAsync"/> reads them, from <paramref name="known"/>
    /// when the caller holds that offer (plus any price the session chose that the offer no longer sells, read here),
    /// with the active tax rates then too (null: the pricing reads them). <paramref name="known"/> is used only when it
    /// is this session's offer of this session's organization, so a caller's mistake cannot price across tenants.</summary>
    public static async Task<(Offer? Offer, IReadOnlyDictionary<Guid, Price> Prices, IReadOnlyList<TaxRate>? TaxRates)> LoadOfferAsync(INumiDb db,
        CheckoutSession session, KnownOffer? known, IEnumerable<Guid> chosen, CancellationToken ct)
    {
        if (known is null || !known.Sells(session))
        {
            var (offer, prices) = await LoadOfferAsync(db, session.OfferId, ct, chosen);
            return (offer, prices, null);
        }
        return (known.Offer, await WithChosenPricesAsync(db, known.Prices, chosen, ct), known.TaxRates);
    }

    /// <summary><paramref name="prices"/> plus those of <paramref name="chosen"/> it lacks: a session is still priced at a
    /// price it chose that its offer no longer sells (replaced since).</summary>
    public static async Task<Dictionary<Guid, Price>> WithChosenPricesAsync(INumiDb db, IReadOnlyDictionary<Guid, Price> prices, IEnumerable<Guid> chosen,
        CancellationToken ct)
    {
        var all = new Dictionary<Guid, Price>(prices);
        var missing = chosen.Where(id => !all.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
            foreach (var price in await db.Prices.AsNoTracking().Where(p => missing.Contains(p.Id)).ToListAsync(ct)) all[price.Id] = price;
        return all;
    }

    /// <summary>The session, tracked: the one this request's context already tracks when the caller read it (the checkout
    /// page reads its session, tracked, in the same context before it chooses or pays), else read under the tenant's
    /// filter. Reading it again would not refresh it anyway (a tracking query answers the tracked instance as it is), so
    /// this only saves the round trip; the hold still checks the status it was read with (a concurrency token).</summary>
    public static async Task<CheckoutSession?> FindSessionAsync(INumiDb db, Guid sessionId, CancellationToken ct) =>
        await db.CheckoutSessions.FindAsync([sessionId], ct);

    /// <summary>A session the shopper may still change: open, in time, and not held by a payment (even one whose answer
    /// was lost: that payment is for the order as it was, so the order cannot change under it).</summary>
    public static async Task<Result<CheckoutSession>> LoadChangeableAsync(INumiDb db, Guid sessionId, DateTime now, CancellationToken ct)
    {
        var session = await FindSessionAsync(db, sessionId, ct);
        if (session is null) return Error.NotFound("No such checkout session.", "id");
        var open = session.EnsureOpen(now);
        if (!open.Succeeded) return open;
        if (session.Status != CheckoutSessionStatus.Open) return Error.Conflict("A payment for this checkout is already in progress.", "id");
        return session;
    }
}

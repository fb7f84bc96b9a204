using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Common;

namespace Numi.Core.Offers;

public static class OfferQueries
{
    public static IQueryable<Offer> WithSlots(this IQueryable<Offer> offers) =>
        offers.Include(o => o.Slots).ThenInclude(s => s.Options);

    public static Task<Offer?> LoadAsync(INumiDb db, Guid offerId, CancellationToken ct) =>
        db.Offers.WithSlots().AsSplitQuery().FirstOrDefaultAsync(o => o.Id == offerId, ct);
}

/// <summary>Where offers point at prices: kept right when a price is replaced, checked before one is archived.</summary>
public static class OfferPriceReferences
{
    public static async Task RepointAsync(INumiDb db, Guid from, Guid to, CancellationToken ct)
    {
        var slots = await db.OfferSlots.Include(s => s.Options)
            .Where(s => s.DefaultPriceId == from || s.Options.Any(o => o.PriceId == from)).ToListAsync(ct);
        foreach (var slot in slots) slot.Repoint(from, to);
    }

    public static Task<string?> FirstLiveOfferNameAsync(INumiDb db, Guid priceId, CancellationToken ct) =>
        (from slot in db.OfferSlots
         join offer in db.Offers on slot.OfferId equals offer.Id
         where offer.Status != OfferStatus.Archived && (slot.DefaultPriceId == priceId || slot.Options.Any(o => o.PriceId == priceId))
         select offer.Name).FirstOrDefaultAsync(ct);

    /// <summary>Checks that every price a slot names exists, is on sale and is in the offer's currency.
    /// <paramref name="param"/> is the slot's place in the request, e.g. <c>slots[1]</c>, or empty on a page.</summary>
    public static async Task<Error?> CheckSlotPricesAsync(INumiDb db, string currency, SlotFields slot, string param, CancellationToken ct)
    {
        var wanted = new List<(Guid Id, string Param)> { (slot.Price!.Value, Join(param, "price")) };
        for (var i = 0; i < (slot.Options?.Count ?? 0); i++)
            if (slot.Options![i].Price is { } id) wanted.Add((id, Join(param, $"options[{i}].price")));

        var ids = wanted.Select(w => w.Id).Distinct().ToList();
        var prices = await db.Prices.Where(p => ids.Contains(p.Id))
            .Join(db.Products, p => p.ProductId, p => p.Id, (price, product) => new { price, ProductActive = product.Active })
            .ToDictionaryAsync(x => x.price.Id, ct);
        foreach (var (id, at) in wanted)
        {
            if (!prices.TryGetValue(id, out var found)) return Error.Invalid(at, "No such price.");
            if (!found.price.Active || !found.ProductActive) return Error.Invalid(at, "This price (or its product) is archived and cannot be sold.");
            if (found.price.Currency != currency)
                return Error.Invalid(at, $"This price is in {found.price.Currency.ToUpperInvariant()} but the offer sells in {currency.ToUpperInvariant()}.");
        }
        return null;
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";
}

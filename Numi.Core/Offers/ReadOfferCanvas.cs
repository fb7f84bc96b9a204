using Microsoft.EntityFrameworkCore;
using Numi.Contracts.Offers;
using Numi.Core.Catalog;
using Numi.Core.Common;

namespace Numi.Core.Offers;

/// <summary>The offer canvas's data: the slots with their amounts and totals, priced here by <see cref="PriceCalculator"/>
/// so the browser only displays them, and the palette of prices the offer can use.</summary>
public sealed class ReadOfferCanvasHandler(INumiDb db)
{
    public async Task<OfferCanvasView?> HandleAsync(Guid offerId, CancellationToken ct)
    {
        var offer = await db.Offers.AsNoTracking().WithSlots().AsSplitQuery().FirstOrDefaultAsync(o => o.Id == offerId, ct);
        if (offer is null) return null;
        var palette = await (from price in db.Prices.AsNoTracking()
                             join product in db.Products.AsNoTracking() on price.ProductId equals product.Id
                             where price.Active && product.Active && price.Currency == offer.Currency
                             select new { price, product.Name }).ToListAsync(ct);
        var products = palette.GroupBy(p => p.price.ProductId).OrderBy(g => g.First().Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => new PaletteProduct(PublicId.Format(IdPrefixes.Product, g.Key), g.First().Name,
                [.. g.OrderBy(p => p.price.CreatedAt).Select(p => new PalettePrice(p.price.PublicId, p.price.Summary))]))
            .ToList();
        return new OfferCanvasView(offer.Name, await StateOfAsync(offer, ct), products);
    }

    /// <summary>The state of an offer loaded with its slots: the slots' prices are read, the offer is not.</summary>
    public async Task<OfferCanvasState> StateOfAsync(Offer offer, CancellationToken ct)
    {
        var ids = offer.Slots.SelectMany(s => s.Options.Select(o => o.PriceId).Append(s.DefaultPriceId)).Distinct().ToList();
        var prices = await (from price in db.Prices.AsNoTracking()
                            join product in db.Products.AsNoTracking() on price.ProductId equals product.Id
                            where ids.Contains(price.Id)
                            select new { price, product.Name }).ToDictionaryAsync(p => p.price.Id, ct);
        string Label(Guid id) => prices.TryGetValue(id, out var p) ? $"{p.Name} · {p.price.Summary}" : "(unknown price)";

        var slots = offer.OrderedSlots.Select(slot => new CanvasSlot(slot.Key, slot.Name, slot.IsOrderBump, slot.QuantityDefault,
            PublicId.Format(IdPrefixes.Price, slot.DefaultPriceId), Label(slot.DefaultPriceId),
            prices.TryGetValue(slot.DefaultPriceId, out var p) && PriceCalculator.Quote(p.price, slot.QuantityDefault) is { Succeeded: true } quote
                ? quote.Value.Amount : null,
            [.. slot.OrderedOptions.Select(o => new CanvasOption(PublicId.Format(IdPrefixes.Price, o.PriceId), o.Label ?? Label(o.PriceId)))]))
            .ToList();
        var total = Sum(slots.Where(s => !s.OrderBump));
        return new OfferCanvasState(offer.PublicId, offer.Currency, offer.Version, slots, total, total is null ? null : Sum(slots));
    }

    /// <summary>Null when a slot has no amount or the sum would not fit: a total is exact or absent, never wrapped.</summary>
    private static long? Sum(IEnumerable<CanvasSlot> slots)
    {
        try
        {
            var sum = 0L;
            foreach (var slot in slots)
            {
                if (slot.Amount is not { } amount) return null;
                sum = checked(sum + amount);
            }
            return sum;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}

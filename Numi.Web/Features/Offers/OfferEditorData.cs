using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Offers;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Offers;

/// <summary>A price as the offer editor lists it: its product and a one-line summary.</summary>
public sealed record PriceChoice(Guid Id, string ProductName, string Summary, bool Active, string Currency)
{
    public string PublicId => Core.Common.PublicId.Format(IdPrefixes.Price, Id);
    public string Label => $"{ProductName} · {Summary}";
}

/// <summary>What every tab of the offer editor reads: the offer, the prices its slots use, and the prices it could use.</summary>
public sealed record OfferEditorData(Offer Offer, IReadOnlyDictionary<Guid, PriceChoice> Used, IReadOnlyList<PriceChoice> Available, string? OrganizationSlug)
{
    public string Url(string tab) => $"offers/{Offer.PublicId}?tab={tab}";

    public string PriceLabel(Guid id) => Used.TryGetValue(id, out var price) ? price.Label : "(unknown price)";

    public static async Task<OfferEditorData?> LoadAsync(NumiDbContext db, string id, string? organizationSlug)
    {
        if (!PublicId.TryParse(IdPrefixes.Offer, id, out var key)) return null;
        var offer = await db.Offers.AsNoTracking().WithSlots().AsSplitQuery().FirstOrDefaultAsync(o => o.Id == key);
        if (offer is null) return null;

        var usedIds = offer.Slots.SelectMany(s => s.Options.Select(o => o.PriceId).Append(s.DefaultPriceId)).Distinct().ToList();
        var choices = await (from price in db.Prices.AsNoTracking()
                             join product in db.Products.AsNoTracking() on price.ProductId equals product.Id
                             where usedIds.Contains(price.Id) || (price.Active && product.Active && price.Currency == offer.Currency)
                             orderby product.Name
                             select new { price, product.Name, ProductActive = product.Active }).ToListAsync();
        var all = choices.Select(c => new PriceChoice(c.price.Id, c.Name, c.price.Summary, c.price.Active && c.ProductActive, c.price.Currency)).ToList();
        return new OfferEditorData(offer, all.Where(c => usedIds.Contains(c.Id)).ToDictionary(c => c.Id),
            all.Where(c => c.Active && c.Currency == offer.Currency).ToList(), organizationSlug);
    }
}

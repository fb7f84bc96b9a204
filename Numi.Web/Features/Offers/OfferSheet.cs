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

/// <summary>A price a slot offers, with the label the shopper reads for it.</summary>
public sealed record OptionLine(Guid PriceId, string? Label);

/// <summary>A slot of the offer as the editor shows it.</summary>
public sealed record SlotLine(Guid Id, string Key, string Name, bool Required, Guid DefaultPriceId, int QuantityDefault, int QuantityMin,
    int? QuantityMax, List<OptionLine> Options)
{
    public bool IsOrderBump => !Required;

    public static SlotLine Of(OfferSlot slot) => new(slot.Id, slot.Key, slot.Name, slot.Required, slot.DefaultPriceId, slot.QuantityDefault,
        slot.QuantityMin, slot.QuantityMax, [.. slot.OrderedOptions.Select(o => new OptionLine(o.PriceId, o.Label))]);
}

/// <summary>Another offer of the same currency that could follow this one as its one-click upsell.</summary>
public sealed record UpsellCandidate(Guid Id, string PublicId, string Name, OfferStatus Status);

/// <summary>What the offer editor shows, as plain data: read while prerendering and handed to the interactive render
/// (persistent state), then read again after each change. <see cref="Used"/> holds the prices the slots use,
/// <see cref="Available"/> those a slot could use (active, in the offer's currency).</summary>
public sealed record OfferSheet(
    Guid Id, string PublicId, string Name, string Slug, string? Description, string Currency, OfferStatus Status,
    string OrganizationSlug, OfferDesign Design, OfferPaymentSettings Payment, Guid? UpsellOfferId,
    List<SlotLine> Slots, List<PriceChoice> Used, List<PriceChoice> Available, List<UpsellCandidate> Upsells)
{
    public string CheckoutPath => $"c/{OrganizationSlug}/{Slug}";

    public string PriceLabel(Guid id) => Used.FirstOrDefault(p => p.Id == id)?.Label ?? "(unknown price)";

    /// <summary>The amount part of a price's label ("$29.00").</summary>
    public string PriceAmount(Guid id) => PriceLabel(id).Split(" · ").Last();

    public static async Task<OfferSheet?> ReadAsync(IServiceProvider services, string? id)
    {
        var db = services.GetRequiredService<NumiDbContext>();
        if (!Core.Common.PublicId.TryParse(IdPrefixes.Offer, id, out var key)) return null;
        var offer = await db.Offers.AsNoTracking().WithSlots().AsSplitQuery().FirstOrDefaultAsync(o => o.Id == key);
        if (offer is null) return null;

        var usedIds = offer.Slots.SelectMany(s => s.Options.Select(o => o.PriceId).Append(s.DefaultPriceId)).Distinct().ToList();
        var choices = await (from price in db.Prices.AsNoTracking()
                             join product in db.Products.AsNoTracking() on price.ProductId equals product.Id
                             where usedIds.Contains(price.Id) || (price.Active && product.Active && price.Currency == offer.Currency)
                             orderby product.Name
                             select new { price, product.Name, ProductActive = product.Active }).ToListAsync();
        var all = choices.Select(c => new PriceChoice(c.price.Id, c.Name, c.price.Summary, c.price.Active && c.ProductActive, c.price.Currency)).ToList();
        var upsells = await db.Offers.AsNoTracking()
            .Where(o => o.Id != offer.Id && o.Currency == offer.Currency && o.Status != OfferStatus.Archived).OrderBy(o => o.Name)
            .Select(o => new { o.Id, o.Name, o.Status }).ToListAsync();
        var organizationSlug = await db.Organizations.AsNoTracking().Select(o => o.Slug).FirstAsync();

        return new OfferSheet(offer.Id, offer.PublicId, offer.Name, offer.Slug, offer.Description, offer.Currency, offer.Status,
            organizationSlug, offer.Design, offer.Payment, offer.UpsellOfferId,
            [.. offer.OrderedSlots.Select(SlotLine.Of)],
            [.. all.Where(c => usedIds.Contains(c.Id))],
            [.. all.Where(c => c.Active && c.Currency == offer.Currency)],
            [.. upsells.Select(o => new UpsellCandidate(o.Id, Core.Common.PublicId.Format(IdPrefixes.Offer, o.Id), o.Name, o.Status))]);
    }
}

using Numi.Core.Common;

namespace Numi.Core.Offers;

/// <summary>A place in an offer for one line of the order: the product the shopper gets, at a default price, with
/// alternative prices to choose from ("1 bag / 3 bags / subscribe monthly"). An optional slot is an order bump.</summary>
public sealed class OfferSlot : IOrganizationOwned
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid OfferId { get; private set; }
    public string Key { get; private set; } = "";
    public string Name { get; private set; } = "";
    public bool Required { get; private set; }
    public int SortOrder { get; private set; }
    public Guid DefaultPriceId { get; private set; }
    public int QuantityDefault { get; private set; } = 1;
    public int QuantityMin { get; private set; }
    public int? QuantityMax { get; private set; }
    /// <summary>Every price the shopper may choose in this slot, the default first.</summary>
    public List<OfferSlotOption> Options { get; private set; } = [];

    private OfferSlot() { }

    internal static OfferSlot Create(Guid offerId, Guid organizationId) => new() { OfferId = offerId, OrganizationId = organizationId };

    public bool IsOrderBump => !Required;

    public IEnumerable<OfferSlotOption> OrderedOptions => Options.OrderBy(o => o.SortOrder);

    internal void Set(SlotFields fields, int sortOrder)
    {
        Key = fields.Key!.Trim();
        Name = fields.Name!.Trim();
        Required = fields.Required;
        SortOrder = sortOrder;
        DefaultPriceId = fields.Price!.Value;
        QuantityMin = fields.MinQuantity ?? (fields.Required ? 1 : 0);
        QuantityMax = fields.MaxQuantity;
        // Without a default, one unit, or the minimum when that is more.
        QuantityDefault = fields.Quantity ?? Math.Max(1, QuantityMin);

        var wanted = new List<SlotOptionInput> { new(DefaultPriceId, fields.Options?.FirstOrDefault(o => o.Price == DefaultPriceId)?.Label) };
        wanted.AddRange((fields.Options ?? []).Where(o => o.Price is { } id && id != DefaultPriceId).DistinctBy(o => o.Price));
        Options.RemoveAll(o => wanted.All(w => w.Price != o.PriceId));
        for (var i = 0; i < wanted.Count; i++)
        {
            var option = Options.FirstOrDefault(o => o.PriceId == wanted[i].Price);
            if (option is null) Options.Add(option = OfferSlotOption.Create(Id, OrganizationId, wanted[i].Price!.Value));
            option.Set(wanted[i].Label, i);
        }
    }

    internal void MoveTo(int sortOrder) => SortOrder = sortOrder;

    internal void Repoint(Guid from, Guid to)
    {
        if (DefaultPriceId == from) DefaultPriceId = to;
        foreach (var option in Options.Where(o => o.PriceId == from)) option.Repoint(to);
    }
}

public sealed class OfferSlotOption : IOrganizationOwned
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid SlotId { get; private set; }
    public Guid PriceId { get; private set; }
    /// <summary>What the shopper reads for this choice, e.g. "3 bags" or "Subscribe monthly"; the price's own
    /// nickname or summary when empty.</summary>
    public string? Label { get; private set; }
    public int SortOrder { get; private set; }

    private OfferSlotOption() { }

    internal static OfferSlotOption Create(Guid slotId, Guid organizationId, Guid priceId) =>
        new() { SlotId = slotId, OrganizationId = organizationId, PriceId = priceId };

    internal void Set(string? label, int sortOrder)
    {
        Label = string.IsNullOrWhiteSpace(label) ? null : label.Trim();
        SortOrder = sortOrder;
    }

    internal void Repoint(Guid priceId) => PriceId = priceId;
}

using Numi.Core.Common;
using Numi.Core.Offers;

namespace Numi.Web.Features.Offers;

public sealed class SlotInput
{
    public string? Key { get; set; }
    public string? Name { get; set; }
    /// <summary>"required", or "bump" for an optional slot shown as an order bump.</summary>
    public string Kind { get; set; } = "required";
    public string? Price { get; set; }
    public int? Quantity { get; set; } = 1;
    public int? MinQuantity { get; set; }
    public int? MaxQuantity { get; set; }
    /// <summary>One row per price the slot could offer; the checked ones become the shopper's choices.</summary>
    public List<OptionRow>? Options { get; set; } = [];

    public sealed class OptionRow
    {
        public string? Price { get; set; }
        public bool Selected { get; set; }
        public string? Label { get; set; }
    }

    public SlotFields ToFields()
    {
        PublicId.TryParse(IdPrefixes.Price, Price, out var price);
        var options = new List<SlotOptionInput>();
        foreach (var row in (Options ?? []).Where(o => o.Selected || (o.Price == Price && !string.IsNullOrWhiteSpace(o.Label))))
            if (PublicId.TryParse(IdPrefixes.Price, row.Price, out var id)) options.Add(new SlotOptionInput(id, row.Label));
        return new SlotFields(Key?.Trim(), Name, price, Kind != "bump", Quantity, MinQuantity, MaxQuantity, options);
    }

    public static SlotInput From(SlotLine slot) => new()
    {
        Key = slot.Key, Name = slot.Name, Kind = slot.Required ? "required" : "bump",
        Price = PublicId.Format(IdPrefixes.Price, slot.DefaultPriceId),
        Quantity = slot.QuantityDefault, MinQuantity = slot.QuantityMin, MaxQuantity = slot.QuantityMax,
        Options = [.. slot.Options.Select(o => new OptionRow { Price = PublicId.Format(IdPrefixes.Price, o.PriceId), Selected = true, Label = o.Label })],
    };
}

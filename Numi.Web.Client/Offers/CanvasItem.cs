using Numi.Contracts.Offers;

namespace Numi.Web.Client.Offers;

/// <summary>What the canvas's one drop container moves: a palette price (<see cref="Price"/>) or a slot
/// (<see cref="Slot"/>), each in the zone it shows in.</summary>
public sealed record CanvasItem(string Zone, string Label, PalettePrice? Price = null, CanvasSlot? Slot = null)
{
    public const string Lines = "lines";
    public const string OrderBumps = "order-bumps";
    public const string SlotPrefix = "slot:";

    public static string PaletteZone(PaletteProduct product) => "palette:" + product.Id;

    public static string SlotZone(CanvasSlot slot) => SlotPrefix + slot.Key;

    /// <summary>A price may go into a slot zone or onto a slot; a slot only moves within its own zone.</summary>
    public static bool CanDrop(CanvasItem item, string zone) => item.Slot is not null
        ? zone == item.Zone
        : zone is Lines or OrderBumps || (zone.StartsWith(SlotPrefix, StringComparison.Ordinal) && item.Zone.StartsWith("palette:", StringComparison.Ordinal));

    /// <summary>Two items are the same when they are the same price or slot in the same zone, whatever the slot now
    /// holds. The drop zones key each item's component by its hash code, so a saved change keeps every card's component
    /// (its own <c>ShouldRender</c> then decides) instead of building all slot cards anew: a slot's record holds a list,
    /// whose default hash would change with every save.</summary>
    public bool Equals(CanvasItem? other) => other is not null && Zone == other.Zone && Identity == other.Identity;

    public override int GetHashCode() => HashCode.Combine(Zone, Identity);

    private string Identity => Slot?.Key ?? Price?.Id ?? Label;

    /// <summary>All a slot's card shows, as one string: a record's own equality would compare its list of choices by
    /// reference, and every answer from the server brings new lists.</summary>
    public static string Shows(CanvasSlot slot) =>
        string.Join("\n", slot.Options.Select(o => o.Price + "\t" + o.Label).Prepend((slot with { Options = [] }).ToString()));

    public static IEnumerable<CanvasItem> Of(OfferCanvasView view) =>
        view.Palette.SelectMany(product => product.Prices.Select(price => new CanvasItem(PaletteZone(product), $"{product.Name} · {price.Summary}", price)))
            .Concat(view.State.Slots.Select(slot => new CanvasItem(slot.OrderBump ? OrderBumps : Lines, slot.Name, Slot: slot)));
}

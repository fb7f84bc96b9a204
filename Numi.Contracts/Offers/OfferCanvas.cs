namespace Numi.Contracts.Offers;

/// <summary>A price the canvas's palette offers: active, of an active product, in the offer's currency.</summary>
public sealed record PalettePrice(string Id, string Summary);

public sealed record PaletteProduct(string Id, string Name, IReadOnlyList<PalettePrice> Prices);

/// <summary>A price a slot lets the shopper choose, with what the shopper reads for it.</summary>
public sealed record CanvasOption(string Price, string Label);

/// <summary>One slot as the canvas shows it. <see cref="Amount"/> is the default price at the default quantity, worked out
/// by the server's pricing engine (tiers and packages included); null when it is too large to record.</summary>
public sealed record CanvasSlot(string Key, string Name, bool OrderBump, int Quantity, string Price, string PriceLabel, long? Amount,
    IReadOnlyList<CanvasOption> Options);

/// <summary>The offer's slots and totals after the last save. <see cref="Version"/> is what the next change must send: a
/// change made from an older one is refused (409, code <c>version_conflict</c>), so two editors never overwrite each
/// other. <see cref="Total"/> sums the required slots; <see cref="TotalWithOrderBumps"/> adds every order bump taken.</summary>
public sealed record OfferCanvasState(string Offer, string Currency, long Version, IReadOnlyList<CanvasSlot> Slots, long? Total,
    long? TotalWithOrderBumps)
{
    public IEnumerable<CanvasSlot> Lines => Slots.Where(s => !s.OrderBump);

    public IEnumerable<CanvasSlot> OrderBumps => Slots.Where(s => s.OrderBump);
}

/// <summary>What the canvas opens with: the offer's state and the palette of prices it can use.</summary>
public sealed record OfferCanvasView(string Name, OfferCanvasState State, IReadOnlyList<PaletteProduct> Palette);

public enum CanvasChangeKind
{
    /// <summary>A new required slot with <see cref="CanvasChange.Price"/> as its default.</summary>
    AddLine,
    /// <summary>A new optional slot (an order bump) with <see cref="CanvasChange.Price"/> as its default.</summary>
    AddOrderBump,
    /// <summary><see cref="CanvasChange.Price"/> becomes another choice of <see cref="CanvasChange.Slot"/>.</summary>
    AddOption,
    /// <summary><see cref="CanvasChange.Slot"/> moves to place <see cref="CanvasChange.To"/> (0-based) among the slots of its kind.</summary>
    Move,
    Remove,
}

/// <summary>One change made on the canvas, made from the state of <see cref="Version"/>.</summary>
public sealed record CanvasChange(long Version, CanvasChangeKind Kind, string? Price = null, string? Slot = null, int? To = null);

/// <summary>Why a change was refused: the API's problem details in short.</summary>
public sealed record CanvasProblem(int Status, string Code, string Detail, string? Param)
{
    public const string VersionConflict = "version_conflict";

    public bool IsStale => Code == VersionConflict;
}

/// <summary>A change's outcome: the new state, or the problem that refused it.</summary>
public sealed record CanvasSaveResult(OfferCanvasState? State, CanvasProblem? Problem);

using Numi.Contracts.Offers;
using Numi.Web.Client.Offers;

namespace Numi.Web.Tests.Interactive;

/// <summary>An <see cref="IOfferCanvasData"/> holding one offer's canvas: it records each change and answers what
/// <see cref="Answer"/> says (by default the state it was given, one version on).</summary>
public sealed class FakeOfferCanvasData(OfferCanvasView? view) : IOfferCanvasData
{
    public const string OfferId = "offer_0192a0b0c0d0e0f0a0b0c0d0e0f0a0b0";

    public List<CanvasChange> Changes { get; } = [];

    public int Reads { get; private set; }

    public OfferCanvasView? View { get; set; } = view;

    public Func<CanvasChange, CanvasSaveResult>? Answer { get; set; }

    public Task<OfferCanvasView?> ReadAsync(string offerId, CancellationToken ct)
    {
        Reads++;
        return Task.FromResult(offerId == OfferId ? View : null);
    }

    /// <summary>When set, each change is recorded at once and answered only once this completes: a test can look at the
    /// canvas while a save is on its way.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public async Task<CanvasSaveResult> ApplyAsync(string offerId, CanvasChange change, CancellationToken ct)
    {
        Changes.Add(change);
        if (Gate is { } gate) await gate.Task;
        var state = View!.State with { Version = View.State.Version + 1 };
        return Answer?.Invoke(change) ?? new CanvasSaveResult(state, null);
    }

    public static CanvasProblem Stale { get; } = new(409, CanvasProblem.VersionConflict, "This offer was changed elsewhere.", "version");

    /// <summary>A USD offer with one line ($18.00 coffee) and one order bump ($7.00 grinder tier), and a palette of two products.</summary>
    public static OfferCanvasView Sample()
    {
        CanvasSlot[] slots =
        [
            new("coffee", "Coffee beans", false, 1, "price_coffee", "Coffee beans · $18.00", 1800, [new("price_coffee", "Coffee beans · $18.00")]),
            new("grinder", "Grinder", true, 1, "price_grinder", "Grinder · Tiered", 700, [new("price_grinder", "Grinder · Tiered")]),
        ];
        return new OfferCanvasView("Coffee club", new OfferCanvasState(OfferId, "usd", 41, slots, 1800, 2500),
        [
            new("prod_coffee", "Coffee beans", [new PalettePrice("price_coffee", "$18.00"), new PalettePrice("price_coffee_monthly", "$16.00 / month")]),
            new("prod_mug", "Mug", [new PalettePrice("price_mug", "$9.00")]),
        ]);
    }

    public static OfferCanvasView Empty() =>
        new("Empty", new OfferCanvasState(OfferId, "usd", 7, [], 0, 0), []);
}

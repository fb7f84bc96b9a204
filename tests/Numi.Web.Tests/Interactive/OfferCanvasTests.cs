using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Numi.Contracts.Offers;
using Numi.Web.Client.Offers;

namespace Numi.Web.Tests.Interactive;

/// <summary>The offer canvas against a fake <see cref="IOfferCanvasData"/>: what it shows, and what its keyboard buttons,
/// drops and conflicts send and show.</summary>
public sealed class OfferCanvasTests : InteractiveTestContext
{
    private FakeOfferCanvasData _data = null!;
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    private IRenderedComponent<OfferCanvas> Open(OfferCanvasView? view)
    {
        _data = new FakeOfferCanvasData(view);
        Services.AddSingleton<IOfferCanvasData>(_data);
        _popovers = RenderInteractive<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        return Render<OfferCanvas>(p => p.Add(x => x.OfferId, FakeOfferCanvasData.OfferId));
    }

    private static string Text(IRenderedComponent<OfferCanvas> cut, string testId) => cut.Find($"[data-testid={testId}]").TextContent.Trim();

    [Fact]
    public void An_organization_without_products_gets_the_empty_palette_with_the_way_to_the_catalog()
    {
        var cut = Open(FakeOfferCanvasData.Empty());

        var palette = cut.Find("[data-testid=canvas-palette]");
        Assert.Contains("No products to offer yet", palette.TextContent);
        Assert.Contains("prices in USD", palette.TextContent);
        Assert.Equal("catalog", palette.QuerySelector("a")!.GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=add-line]"));
        Assert.Equal("$0.00", Text(cut, "canvas-total"));
    }

    [Fact]
    public void The_slots_show_in_their_zones_with_their_amounts_and_the_totals_the_server_priced()
    {
        var cut = Open(FakeOfferCanvasData.Sample());

        Assert.Equal(["coffee"], cut.FindAll("[data-testid=zone-lines] [data-slot]").Select(e => e.GetAttribute("data-slot")));
        Assert.Equal(["grinder"], cut.FindAll("[data-testid=zone-order-bumps] [data-slot]").Select(e => e.GetAttribute("data-slot")));
        Assert.Equal("$7.00", cut.Find("[data-slot=grinder] [data-testid=slot-amount]").TextContent);
        Assert.Equal("$18.00", Text(cut, "canvas-total"));
        Assert.Equal("$25.00", Text(cut, "canvas-total-with-bumps"));
        Assert.Equal(3, cut.FindAll("[data-testid=canvas-palette] [data-price]").Count);
    }

    [Fact]
    public void The_keyboard_buttons_add_a_line_and_an_order_bump_from_the_version_on_screen_and_the_new_total_shows()
    {
        var cut = Open(FakeOfferCanvasData.Sample());
        var after = FakeOfferCanvasData.Sample().State with { Version = 42, Total = 2700, TotalWithOrderBumps = 3400 };
        _data.Answer = _ => new CanvasSaveResult(after, null);

        cut.Find("[data-price=price_mug] [data-testid=add-line]").Click();
        cut.WaitForAssertion(() => Assert.Equal("$27.00", Text(cut, "canvas-total")));
        cut.Find("[data-price=price_coffee_monthly] [data-testid=add-bump]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, _data.Changes.Count));
        Assert.Equal(new CanvasChange(41, CanvasChangeKind.AddLine, "price_mug"), _data.Changes[0]);
        Assert.Equal(new CanvasChange(42, CanvasChangeKind.AddOrderBump, "price_coffee_monthly"), _data.Changes[1]);
        Assert.Equal("$34.00", Text(cut, "canvas-total-with-bumps"));
        Assert.Equal("2", cut.Find("[data-testid=canvas-saved]").GetAttribute("data-saves"));
    }

    [Fact]
    public void A_price_dropped_on_a_zone_or_a_slot_is_sent_as_that_change()
    {
        var cut = Open(FakeOfferCanvasData.Sample());

        Drag(cut, "[data-price=price_mug]", "[data-testid=zone-order-bumps]");
        cut.WaitForAssertion(() => Assert.Single(_data.Changes));
        Drag(cut, "[data-price=price_coffee_monthly]", "[data-testid=slot-drop-coffee]");
        cut.WaitForAssertion(() => Assert.Equal(2, _data.Changes.Count));

        Assert.Equal(new CanvasChange(41, CanvasChangeKind.AddOrderBump, "price_mug"), _data.Changes[0]);
        Assert.Equal(new CanvasChange(42, CanvasChangeKind.AddOption, "price_coffee_monthly", "coffee"), _data.Changes[1]);
    }

    [Fact]
    public void A_save_renders_again_only_the_slot_card_that_changed_and_no_palette_price()
    {
        var cut = Open(FakeOfferCanvasData.Sample());
        var saved = FakeOfferCanvasData.Sample().State;
        _data.Answer = _ => new CanvasSaveResult(saved with { Version = 42, Slots = [saved.Slots[0], saved.Slots[1] with { Quantity = 2, Amount = 1400 }] }, null);
        var zones = cut.FindComponents<CanvasZone>().ToDictionary(z => z.Instance.Zone);
        var linesRenders = zones[CanvasItem.Lines].RenderCount;
        var coffee = cut.FindComponents<CanvasSlotCard>().Single(c => c.Instance.Slot.Key == "coffee");
        var grinder = cut.FindComponents<CanvasSlotCard>().Single(c => c.Instance.Slot.Key == "grinder");
        var rows = cut.FindComponents<CanvasPriceRow>().Where(r => r.Instance.Item.Price!.Id != "price_mug").ToList(); // not the one clicked
        var (coffeeRenders, grinderRenders, rowRenders) = (coffee.RenderCount, grinder.RenderCount, rows.Select(r => r.RenderCount).ToList());

        cut.Find("[data-price=price_mug] [data-testid=add-line]").Click();

        cut.WaitForAssertion(() => Assert.Equal("$14.00", cut.Find("[data-slot=grinder] [data-testid=slot-amount]").TextContent));
        // The same card components, kept by their keys: the grinder's card rendered again (itself and its parts, more
        // than the drop zone alone), the coffee's did not, and no palette price rendered at all.
        Assert.Same(coffee.Instance, cut.FindComponents<CanvasSlotCard>().Single(c => c.Instance.Slot.Key == "coffee").Instance);
        Assert.True(grinder.RenderCount - grinderRenders > coffee.RenderCount - coffeeRenders + 2,
            $"grinder +{grinder.RenderCount - grinderRenders}, coffee +{coffee.RenderCount - coffeeRenders}");
        Assert.Equal(rowRenders, rows.Select(r => r.RenderCount));
        Assert.Equal(linesRenders, zones[CanvasItem.Lines].RenderCount);
        Assert.Equal(0, coffee.RenderCount - coffeeRenders);
    }

    [Fact]
    public void A_drop_and_its_answer_render_only_the_zone_it_changed_and_the_totals()
    {
        var cut = Open(FakeOfferCanvasData.Sample());
        var saved = FakeOfferCanvasData.Sample().State;
        var mug = new CanvasSlot("mug", "Mug", true, 1, "price_mug", "Mug · $9.00", 900, [new("price_mug", "Mug · $9.00")]);
        _data.Answer = _ => new CanvasSaveResult(saved with { Version = 42, Slots = [.. saved.Slots, mug], TotalWithOrderBumps = 3400 }, null);
        _data.Gate = new TaskCompletionSource();
        var zones = cut.FindComponents<CanvasZone>().ToDictionary(z => z.Instance.Zone);
        var (lines, bumps) = (zones[CanvasItem.Lines].RenderCount, zones[CanvasItem.OrderBumps].RenderCount);
        var coffee = cut.FindComponents<CanvasSlotCard>().Single(c => c.Instance.Slot.Key == "coffee");
        var coffeeRenders = coffee.RenderCount;
        var rows = cut.FindComponents<CanvasPriceRow>().ToList();
        var rowRenders = rows.Select(r => r.RenderCount).ToList();
        var totals = cut.FindComponent<CanvasTotals>();
        var totalsRenders = totals.RenderCount;

        Drag(cut, "[data-price=price_mug]", "[data-testid=zone-order-bumps]");
        // MudBlazor has ended the drop while the save is on its way: the canvas shows the answer, not a guess.
        cut.WaitForAssertion(() => Assert.Single(_data.Changes));
        Assert.Equal(["grinder"], cut.FindAll("[data-testid=zone-order-bumps] [data-slot]").Select(e => e.GetAttribute("data-slot")));
        _data.Gate.SetResult();

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=canvas-saved]").GetAttribute("data-saves")));
        Assert.Equal(["grinder", "mug"], cut.FindAll("[data-testid=zone-order-bumps] [data-slot]").Select(e => e.GetAttribute("data-slot")));
        Assert.Equal("$34.00", Text(cut, "canvas-total-with-bumps"));
        Assert.True(totals.RenderCount > totalsRenders);
        Assert.True(zones[CanvasItem.OrderBumps].RenderCount > bumps);
        // The grinder is no longer the zone's last, so its card renders too: it can move down now.
        Assert.False(cut.Find("[data-slot=grinder] [data-testid=move-down]").HasAttribute("disabled"));
        // Nothing else rendered, neither for the drag nor for the answer: not the lines' zone, nor its card (nor the slot
        // drop zone inside it), nor the palette.
        Assert.Equal(lines, zones[CanvasItem.Lines].RenderCount);
        Assert.Equal(coffeeRenders, coffee.RenderCount);
        Assert.Equal(rowRenders, rows.Select(r => r.RenderCount));
    }

    [Fact]
    public void The_search_narrows_the_palette_to_the_prices_that_match_and_keeps_every_slot()
    {
        var cut = Open(FakeOfferCanvasData.Sample());

        cut.Find("[data-testid=canvas-palette] input").Input("mug");

        cut.WaitForAssertion(() => Assert.Equal(["price_mug"], cut.FindAll("[data-testid=canvas-palette] [data-price]").Select(e => e.GetAttribute("data-price"))));
        Assert.Equal(["coffee", "grinder"], cut.FindAll("[data-slot]").Select(e => e.GetAttribute("data-slot")));
    }

    [Fact]
    public void A_drag_highlights_the_zone_it_is_over_as_a_place_to_drop_or_not_and_no_other()
    {
        var cut = Open(FakeOfferCanvasData.Sample());
        string[] Classes(string zone) => [.. cut.Find($"[data-testid={zone}]").ClassList];

        cut.Find("[data-price=price_mug]").Closest("[draggable]")!.DragStart();
        cut.Find("[data-testid=zone-lines]").DragEnter();
        Assert.Contains("numi-canvas-can-drop", Classes("zone-lines"));
        Assert.DoesNotContain("numi-canvas-can-drop", Classes("zone-order-bumps"));
        cut.Find("[data-testid=zone-lines]").DragLeave();
        Assert.DoesNotContain("numi-canvas-can-drop", Classes("zone-lines"));

        // A slot moves only within its own zone.
        cut.Find("[data-slot=coffee]").Closest("[draggable]")!.DragStart();
        cut.Find("[data-testid=zone-order-bumps]").DragEnter();
        Assert.Contains("numi-canvas-no-drop", Classes("zone-order-bumps"));
    }

    [Fact]
    public void A_slot_moved_with_its_buttons_shows_where_the_server_put_it()
    {
        var sample = FakeOfferCanvasData.Sample();
        var mug = new CanvasSlot("mug", "Mug", false, 1, "price_mug", "Mug · $9.00", 900, [new("price_mug", "Mug · $9.00")]);
        var cut = Open(sample with { State = sample.State with { Slots = [sample.State.Slots[0], mug, sample.State.Slots[1]] } });
        _data.Answer = _ => new CanvasSaveResult(sample.State with { Version = 42, Slots = [mug, sample.State.Slots[0], sample.State.Slots[1]] }, null);
        Assert.Equal(["coffee", "mug"], cut.FindAll("[data-testid=zone-lines] [data-slot]").Select(e => e.GetAttribute("data-slot")));

        cut.Find("[data-slot=coffee] [data-testid=move-down]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["mug", "coffee"], cut.FindAll("[data-testid=zone-lines] [data-slot]").Select(e => e.GetAttribute("data-slot"))));
        Assert.Equal(new CanvasChange(41, CanvasChangeKind.Move, Slot: "coffee", To: 1), _data.Changes.Single());
        Assert.True(cut.Find("[data-slot=mug] [data-testid=move-up]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-slot=coffee] [data-testid=move-down]").HasAttribute("disabled"));
    }

    [Fact]
    public void The_to_slot_menu_offers_a_slot_added_by_the_last_save_though_the_price_row_did_not_render_again()
    {
        var cut = Open(FakeOfferCanvasData.Sample());
        var saved = FakeOfferCanvasData.Sample().State;
        var mug = new CanvasSlot("mug", "Mug", false, 1, "price_mug", "Mug · $9.00", 900, [new("price_mug", "Mug · $9.00")]);
        _data.Answer = _ => new CanvasSaveResult(saved with { Version = 42, Slots = [.. saved.Slots, mug], Total = 2700, TotalWithOrderBumps = 3400 }, null);
        cut.Find("[data-price=price_mug] [data-testid=add-line]").Click();
        cut.WaitForAssertion(() => Assert.Equal("$27.00", Text(cut, "canvas-total")));

        cut.Find("[data-price=price_coffee_monthly] [data-testid=add-to-slot] button").Click();
        _popovers.WaitForAssertion(() => _popovers.FindAll(".mud-popover-open [role=menuitem]").Single(i => i.TextContent.Trim() == "Mug").Click());

        cut.WaitForAssertion(() => Assert.Equal(new CanvasChange(42, CanvasChangeKind.AddOption, "price_coffee_monthly", "mug"), _data.Changes[^1]));
    }

    /// <summary>What the browser sends for a drag: a drag start on the item, a drop on the zone.</summary>
    private static void Drag(IRenderedComponent<OfferCanvas> cut, string item, string zone)
    {
        cut.Find(item).Closest("[draggable]")!.DragStart();
        cut.Find(zone).Drop();
    }

    [Fact]
    public void A_slot_moves_with_its_buttons_and_is_removed_only_after_the_question()
    {
        var cut = Open(FakeOfferCanvasData.Sample());

        Assert.True(cut.Find("[data-slot=coffee] [data-testid=move-up]").HasAttribute("disabled"));
        cut.Find("[data-slot=grinder] [data-testid=remove-slot]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Remove the slot Grinder?", _dialogs.Markup));
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep it").Click();
        Assert.Empty(_data.Changes);

        cut.Find("[data-slot=grinder] [data-testid=remove-slot]").Click();
        _dialogs.WaitForAssertion(() => _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Remove slot").Click());
        cut.WaitForAssertion(() => Assert.Equal([new CanvasChange(41, CanvasChangeKind.Remove, Slot: "grinder")], _data.Changes));
    }

    [Fact]
    public void A_stale_canvas_says_so_sends_nothing_more_and_reloads_on_request()
    {
        var cut = Open(FakeOfferCanvasData.Sample());
        _data.Answer = _ => new CanvasSaveResult(null, FakeOfferCanvasData.Stale);

        cut.Find("[data-price=price_mug] [data-testid=add-line]").Click();

        cut.WaitForAssertion(() => Assert.Contains("changed elsewhere", Text(cut, "canvas-conflict")));
        Assert.True(cut.Find("[data-price=price_mug] [data-testid=add-line]").HasAttribute("disabled"));
        _data.View = FakeOfferCanvasData.Sample() with { State = FakeOfferCanvasData.Sample().State with { Version = 50, Total = 999 } };
        cut.Find("[data-testid=canvas-reload]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=canvas-conflict]")));
        Assert.Equal("$9.99", Text(cut, "canvas-total"));
        Assert.Equal(2, _data.Reads);
        Assert.Single(_data.Changes);
    }

    [Fact]
    public void Another_refusal_shows_its_reason_and_the_canvas_stays_usable()
    {
        var cut = Open(FakeOfferCanvasData.Sample());
        _data.Answer = _ => new CanvasSaveResult(null, new CanvasProblem(422, "parameter_invalid", "This price is archived.", "price"));

        cut.Find("[data-price=price_mug] [data-testid=add-bump]").Click();

        cut.WaitForAssertion(() => Assert.Equal("This price is archived.", Text(cut, "canvas-error")));
        Assert.False(cut.Find("[data-price=price_mug] [data-testid=add-line]").HasAttribute("disabled"));
    }

    [Fact]
    public void An_unknown_offer_is_not_found()
    {
        var cut = Open(null);

        Assert.Contains("Offer not found", cut.Markup);
    }
}

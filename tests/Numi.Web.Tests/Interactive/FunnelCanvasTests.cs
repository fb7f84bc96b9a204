using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Numi.Contracts.Funnels;
using Numi.Web.Client.Funnels;

namespace Numi.Web.Tests.Interactive;

/// <summary>The funnel canvas against a fake <see cref="IFunnelCanvasData"/>: what it shows, what its buttons and keys
/// send, and how it shows violations, conflicts and what stops publishing.</summary>
public sealed class FunnelCanvasTests : FunnelCanvasContext
{
    [Fact]
    public void An_empty_funnel_says_how_to_add_the_first_step_and_offers_every_step_type()
    {
        var cut = Open(FakeFunnelCanvasData.Empty());

        Assert.Contains("no steps yet", Text(cut, "no-steps"));
        Assert.Equal(["landing", "product_selection", "checkout", "upsell", "downsell", "thank_you"],
            cut.FindAll("[data-testid=funnel-palette] .mud-drop-zone:first-of-type [data-palette]").Select(e => e.GetAttribute("data-palette")).Take(6));
        Assert.Empty(cut.FindAll("[data-step]"));
        Assert.Contains("Alt+Arrow Up", Text(cut, "canvas-keys"));
    }

    [Fact]
    public void A_missing_funnel_says_so()
    {
        var cut = Open(null);

        Assert.Contains("Funnel not found", cut.Markup);
    }

    [Fact]
    public void Add_sends_the_step_type_from_the_revision_on_screen_and_the_saved_funnel_shows()
    {
        var cut = Open(FakeFunnelCanvasData.Empty());
        Data.Answer = change => new(FakeFunnelCanvasData.Empty() with
        {
            Revision = 4, Steps = [FakeFunnelCanvasData.Step("checkout", "checkout", 0)],
        }, null);

        cut.Find("[data-palette=checkout] [data-testid=palette-add]").Click();

        var change = Assert.Single(Data.Changes);
        Assert.Equal((FunnelChangeKind.AddStep, "checkout", 3, (int?)null), (change.Kind, change.Type, change.Revision, change.Position));
        cut.WaitForAssertion(() => Assert.Equal(["checkout"], cut.FindAll("[data-step]").Select(e => e.GetAttribute("data-step"))));
        Assert.Equal("Saved", Text(cut, "save-state"));
    }

    [Fact]
    public void A_blocks_words_are_edited_in_place_and_saved_with_the_others_kept()
    {
        var funnel = FakeFunnelCanvasData.TwoSteps();
        var blocks = new ContentBlockData[] { new("headline", Text: "Old headline"), new("bullets", Items: ["Roasted weekly"]) };
        var cut = Open(funnel with { Steps = [.. funnel.Steps.Select(s => s.Key == "landing" ? s with { Blocks = blocks } : s)] });

        cut.Find("[data-step=landing]").Click();
        Assert.Empty(cut.FindAll("[data-block] input, [data-block] textarea"));
        cut.Find("[data-block='1'] [data-testid=edit-block]").Click();
        Assert.Equal("Roasted weekly", cut.Find("[data-block='1'] textarea").GetAttribute("value") ?? cut.Find("[data-block='1'] textarea").TextContent);
        cut.Find("[data-block='1'] textarea").Change("Roasted weekly\n  Shipped free \n");

        var change = Assert.Single(Data.Changes);
        Assert.Equal((FunnelChangeKind.UpdateStep, "landing"), (change.Kind, change.Step));
        var saved = change.Update!.Blocks!;
        Assert.Equal("Old headline", saved[0].Text);
        Assert.Equal(["Roasted weekly", "Shipped free"], saved[1].Items);
    }

    [Fact]
    public void The_keyboard_and_the_buttons_move_a_step_one_place()
    {
        var cut = Open(FakeFunnelCanvasData.TwoSteps());

        cut.Find("[data-step=landing]").KeyDown(new KeyboardEventArgs { Key = "ArrowDown", AltKey = true });
        cut.Find("[data-step=checkout] [data-testid=move-up]").Click();

        Assert.Equal([(FunnelChangeKind.MoveStep, "landing", "down"), (FunnelChangeKind.MoveStep, "checkout", "up")],
            Data.Changes.Select(c => (c.Kind, c.Step, c.Direction)));
        Assert.True(cut.Find("[data-step=landing] [data-testid=move-up]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_violation_shows_on_the_step_it_concerns_and_a_funnel_wide_one_at_the_top()
    {
        var cut = Open(FakeFunnelCanvasData.TwoSteps() with { Violations = [new(null, "no_checkout", "Add a checkout step.")] });

        Assert.Equal("true", cut.Find("[data-step=checkout]").GetAttribute("data-invalid"));
        Assert.Equal("Choose the offer this checkout sells.", cut.Find("[data-step=checkout] [data-testid=step-violation]").TextContent);
        Assert.Equal("false", cut.Find("[data-step=landing]").GetAttribute("data-invalid"));
        Assert.Empty(cut.FindAll("[data-step=landing] [data-testid=step-violation]"));
        Assert.Equal("Add a checkout step.", Text(cut, "funnel-violation"));
    }

    [Fact]
    public void Publish_is_disabled_with_the_reasons_named_by_step()
    {
        var cut = Open(FakeFunnelCanvasData.TwoSteps());

        Assert.True(cut.Find("[data-testid=canvas-publish]").HasAttribute("disabled"));
        Assert.Contains("checkout: Choose the offer this checkout sells.", Text(cut, "publish-reasons"));
    }

    [Fact]
    public void A_publishable_funnel_publishes_from_the_revision_on_screen()
    {
        var cut = Open(FakeFunnelCanvasData.Empty() with { Steps = [FakeFunnelCanvasData.Step("checkout", "checkout", 0)] });

        Assert.Empty(cut.FindAll("[data-testid=publish-reasons]"));
        cut.Find("[data-testid=canvas-publish]").Click();

        Assert.Equal((FunnelChangeKind.Publish, 3), (Data.Changes.Single().Kind, Data.Changes.Single().Revision));
    }

    [Fact]
    public void A_stale_revision_shows_the_conflict_sends_nothing_more_and_reload_reads_the_funnel_again()
    {
        var cut = Open(FakeFunnelCanvasData.TwoSteps());
        Data.Answer = _ => FakeFunnelCanvasData.Stale();

        cut.Find("[data-step=landing] [data-testid=duplicate]").Click();

        cut.WaitForAssertion(() => Assert.Contains("changed in another window", Text(cut, "canvas-conflict")));
        Assert.True(cut.Find("[data-step=landing] [data-testid=duplicate]").HasAttribute("disabled"));
        cut.Find("[data-testid=canvas-undo]").Click();
        Assert.Single(Data.Changes);

        Data.Funnel = FakeFunnelCanvasData.TwoSteps() with { Revision = 9 };
        cut.Find("[data-testid=canvas-reload]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=canvas-conflict]")));
        Assert.Equal(2, Data.Reads);
    }

    [Fact]
    public void Undo_and_ctrl_z_send_an_undo()
    {
        var cut = Open(FakeFunnelCanvasData.TwoSteps());

        cut.Find("[data-testid=canvas-undo]").Click();
        cut.Find("[data-testid=funnel-canvas]").KeyDown(new KeyboardEventArgs { Key = "z", CtrlKey = true });

        Assert.Equal([(FunnelChangeKind.Undo, 3), (FunnelChangeKind.Undo, 4)], Data.Changes.Select(c => (c.Kind, c.Revision)));
    }

    [Fact]
    public void A_refused_publish_names_the_step_of_each_broken_rule()
    {
        var cut = Open(FakeFunnelCanvasData.Empty() with { Steps = [FakeFunnelCanvasData.Step("checkout", "checkout", 0)] });
        Data.Answer = _ => new(null, new FunnelProblem(422, "offer_missing", "Choose the offer this checkout sells.", "steps.checkout",
            [new("offer_missing", "Choose the offer this checkout sells.", "steps.checkout")]));

        cut.Find("[data-testid=canvas-publish]").Click();

        cut.WaitForAssertion(() => Assert.Equal("checkout: Choose the offer this checkout sells.", Text(cut, "publish-error")));
    }

    [Fact]
    public void Promoting_a_variant_stops_the_steps_test_with_that_winner()
    {
        var tested = FakeFunnelCanvasData.Step("landing", "landing", 0) with { Variants = [new("b", "Shorter page", 50, [], null)], ControlWeight = 50 };
        var cut = Open(FakeFunnelCanvasData.Empty() with { Steps = [tested] });

        cut.Find("[data-step=landing]").Click();
        cut.Find("[data-testid=stop-test-b]").Click();

        var change = Assert.Single(Data.Changes);
        Assert.Equal((FunnelChangeKind.StopTest, "landing", "b"), (change.Kind, change.Step, change.Winner));
    }
}

using Bunit;
using MudBlazor;
using Numi.Contracts.Funnels;
using Numi.Web.Client.Funnels;

namespace Numi.Web.Tests.Interactive;

/// <summary>What renders after a save: the server answers every change with the whole funnel (new objects for every
/// step), and only the step cards whose content changed render again.</summary>
public sealed class FunnelCanvasRenderTests : FunnelCanvasContext
{
    /// <summary>The funnel as the wire hands it over: equal content, but new step objects and lists.</summary>
    private static FunnelDetails Copied(FunnelDetails funnel) =>
        funnel with { Steps = [.. funnel.Steps.Select(s => s with { Violations = [.. s.Violations], Blocks = [.. s.Blocks] })] };

    private static IRenderedComponent<FunnelStepCard> Card(IRenderedComponent<FunnelCanvas> cut, string key) =>
        cut.FindComponents<FunnelStepCard>().Single(c => c.Instance.Step.Key == key);

    /// <summary>How often the card of <paramref name="key"/> rendered, and the card itself: a card made anew (its item not
    /// kept across the save) is another instance.</summary>
    private static (int Count, FunnelStepCard Instance) Renders(IRenderedComponent<FunnelCanvas> cut, string key) =>
        (Card(cut, key).RenderCount, Card(cut, key).Instance);

    [Fact]
    public void After_a_save_only_the_changed_step_card_renders_again()
    {
        var cut = Open(FakeFunnelCanvasData.TwoSteps());
        var (landing, checkout) = (Renders(cut, "landing"), Renders(cut, "checkout"));
        Data.Answer = change => new(Copied(Data.Funnel!) with
        {
            Revision = change.Revision + 1,
            Steps = [.. Copied(Data.Funnel!).Steps.Select(s => s.Key == "checkout" ? s with { Name = "Pay" } : s)],
        }, null);

        cut.Find("[data-step=checkout] [data-testid=duplicate]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Pay", cut.Find("[data-step=checkout] [data-testid=step-name]").TextContent));
        Assert.Equal(landing, Renders(cut, "landing"));
        Assert.Same(checkout.Instance, Renders(cut, "checkout").Instance);
        Assert.True(Renders(cut, "checkout").Count > checkout.Count);
        Assert.Equal("1", cut.Find("[data-testid=save-state]").GetAttribute("data-saves"));
    }

    [Fact]
    public void A_step_moved_to_the_top_renders_the_cards_whose_place_at_an_end_changed_and_keeps_the_others()
    {
        var funnel = FakeFunnelCanvasData.Empty() with { Steps = [.. "abcd".Select((key, i) => FakeFunnelCanvasData.Step(key.ToString(), "upsell", i))] };
        var cut = Open(funnel);
        var (middle, third) = (Renders(cut, "b"), Renders(cut, "c"));
        Data.Answer = change => new(funnel with
        {
            Revision = change.Revision + 1, Steps = [.. "dabc".Select((key, i) => FakeFunnelCanvasData.Step(key.ToString(), "upsell", i))],
        }, null);

        cut.Find("[data-step=d] [data-testid=move-up]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["d", "a", "b", "c"], cut.FindAll("[data-step]").Select(e => e.GetAttribute("data-step"))));
        Assert.True(cut.Find("[data-step=d] [data-testid=move-up]").HasAttribute("disabled"));
        Assert.False(cut.Find("[data-step=a] [data-testid=move-up]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-step=c] [data-testid=move-down]").HasAttribute("disabled"));
        Assert.Equal(middle, Renders(cut, "b"));
        Assert.Same(third.Instance, Renders(cut, "c").Instance);
        Assert.True(Renders(cut, "c").Count > third.Count);
    }

    [Fact]
    public void A_save_renders_the_step_list_once_in_the_order_saved()
    {
        var funnel = FakeFunnelCanvasData.Empty() with { Steps = [.. "abc".Select((key, i) => FakeFunnelCanvasData.Step(key.ToString(), "upsell", i))] };
        var cut = Open(funnel);
        var list = cut.FindComponents<MudDropZone<FunnelCanvasItem>>().Single(z => z.Instance.Identifier == FunnelCanvasItem.Steps);
        var before = list.RenderCount;
        Data.Answer = change => new(funnel with
        {
            Revision = change.Revision + 1, Steps = [.. "cab".Select((key, i) => FakeFunnelCanvasData.Step(key.ToString(), "upsell", i))],
        }, null);

        cut.Find("[data-step=c] [data-testid=move-up]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["c", "a", "b"], cut.FindAll("[data-step]").Select(e => e.GetAttribute("data-step"))));
        Assert.Equal(before + 1, list.RenderCount);
    }
}

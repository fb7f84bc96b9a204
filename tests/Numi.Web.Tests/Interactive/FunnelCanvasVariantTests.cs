using Bunit;
using MudBlazor;
using Numi.Contracts.Funnels;
using Numi.Web.Client.Funnels;

namespace Numi.Web.Tests.Interactive;

/// <summary>A step's A/B test edited from the canvas's side panel: variants added, renamed, given content, split by
/// weight (saved only when the shares add up to 100) and removed after a confirmation.</summary>
public sealed class FunnelCanvasVariantTests : FunnelCanvasContext
{
    private static readonly ContentBlockData Headline = new("headline", Text: "Fresh coffee");

    private static FunnelDetails Tested(int control = 50, int weight = 50) => FakeFunnelCanvasData.Empty() with
    {
        Steps =
        [
            FakeFunnelCanvasData.Step("landing", "landing", 0) with
            {
                Blocks = [Headline], ControlWeight = control, Variants = [new("b", "Shorter page", weight, [], null)],
            },
        ],
    };

    private IRenderedComponent<FunnelCanvas> OpenLanding(FunnelDetails funnel)
    {
        var cut = Open(funnel);
        cut.Find("[data-step=landing]").Click();
        return cut;
    }

    private static void Weight(IRenderedComponent<FunnelCanvas> cut, string arm, string value) => cut.Find($"[data-arm={arm}] input").Change(value);

    [Fact]
    public void A_variant_is_added_by_name_with_an_even_share_from_the_revision_on_screen()
    {
        var cut = OpenLanding(FakeFunnelCanvasData.TwoSteps());
        Assert.True(cut.Find("[data-testid=add-variant]").HasAttribute("disabled"));

        cut.Find("input[data-testid=new-variant-name]").Input("  Bold headline ");
        cut.Find("[data-testid=add-variant]").Click();

        var change = Assert.Single(Data.Changes);
        Assert.Equal((FunnelChangeKind.AddVariant, "landing", 3), (change.Kind, change.Step, change.Revision));
        Assert.Equal(("Bold headline", (int?)50), (change.VariantUpdate!.Name, change.VariantUpdate.Weight));
    }

    [Fact]
    public void A_split_that_does_not_add_up_to_100_says_so_and_cannot_be_saved()
    {
        var cut = OpenLanding(Tested(control: 100, weight: 50));

        Assert.Contains("Total 150%", Text(cut, "weights-total"));
        Assert.Contains("must add up to 100", Text(cut, "weights-total"));
        Assert.True(cut.Find("[data-testid=weights-save]").HasAttribute("disabled"));

        Weight(cut, "b", "0");
        cut.WaitForAssertion(() => Assert.Contains("Shorter page's share is from 1 to 100.", Text(cut, "weights-total")));
        Assert.True(cut.Find("[data-testid=weights-save]").HasAttribute("disabled"));
        Assert.Empty(Data.Changes);
    }

    [Fact]
    public void A_split_adding_up_to_100_is_saved_once_with_every_arms_weight()
    {
        var cut = OpenLanding(Tested(control: 100, weight: 50));

        Weight(cut, "control", "70");
        Weight(cut, "b", "30");
        cut.WaitForAssertion(() => Assert.Equal("Total 100%", Text(cut, "weights-total")));
        cut.Find("[data-testid=weights-save]").Click();

        var change = Assert.Single(Data.Changes);
        Assert.Equal((FunnelChangeKind.SetWeights, "landing", 3), (change.Kind, change.Step, change.Revision));
        Assert.Equal(new Dictionary<string, int> { ["control"] = 70, ["b"] = 30 }, change.Weights);
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=save-state]").GetAttribute("data-saves")));
    }

    [Fact]
    public void Split_evenly_fills_shares_that_add_up_to_100()
    {
        var funnel = Tested(control: 100, weight: 50);
        var step = funnel.Steps[0];
        var cut = OpenLanding(funnel with { Steps = [step with { Variants = [.. step.Variants, new("c", "Video first", 50, [], null)] }] });

        cut.Find("[data-testid=weights-even]").Click();
        cut.Find("[data-testid=weights-save]").Click();

        Assert.Equal(new Dictionary<string, int> { ["control"] = 34, ["b"] = 33, ["c"] = 33 }, Assert.Single(Data.Changes).Weights);
    }

    [Fact]
    public void A_refused_split_shows_the_servers_reason_and_keeps_the_fields()
    {
        var cut = OpenLanding(Tested(control: 100, weight: 50));
        Data.Answer = _ => new(null, new FunnelProblem(422, "parameter_invalid", "The weights add up to 90; they must add up to 100.", "weights", []));

        Weight(cut, "control", "60");
        Weight(cut, "b", "40");
        cut.Find("[data-testid=weights-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("they must add up to 100", Text(cut, "canvas-problem")));
        Assert.Single(Data.Changes);
        Assert.Equal("60", cut.Find("[data-arm=control] input").GetAttribute("value"));
    }

    [Fact]
    public void A_variant_is_removed_only_after_its_confirmation()
    {
        var cut = OpenLanding(Tested());

        cut.Find("[data-variant=b] [data-testid=variant-remove]").Click();
        Confirm("Remove the variant Shorter page?", "Keep it");
        Assert.Empty(Data.Changes);

        cut.Find("[data-variant=b] [data-testid=variant-remove]").Click();
        Confirm("Remove the variant Shorter page?", "Remove variant");

        cut.WaitForAssertion(() => Assert.Single(Data.Changes));
        Assert.Equal((FunnelChangeKind.RemoveVariant, "landing", "b", 3),
            (Data.Changes[0].Kind, Data.Changes[0].Step, Data.Changes[0].Variant, Data.Changes[0].Revision));
    }

    [Fact]
    public void A_variants_name_and_content_are_edited_in_place()
    {
        var cut = OpenLanding(Tested());

        cut.Find("[data-variant=b] input[data-testid=variant-name]").Change("Short page");
        cut.Find("[data-variant=b] [data-testid=variant-edit]").Click();
        cut.Find("[data-testid=variant-copy-content]").Click();

        Assert.Equal([FunnelChangeKind.UpdateVariant, FunnelChangeKind.UpdateVariant], Data.Changes.Select(c => c.Kind));
        Assert.Equal(("b", "Short page", (List<ContentBlockData>?)null), (Data.Changes[0].Variant, Data.Changes[0].VariantUpdate!.Name, Data.Changes[0].VariantUpdate!.Blocks));
        Assert.Equal([Headline], Data.Changes[1].VariantUpdate!.Blocks!);
        Assert.Null(Data.Changes[1].VariantUpdate!.Name);
    }

    [Fact]
    public void A_variant_with_its_own_blocks_edits_them_with_the_block_rows()
    {
        var funnel = Tested();
        var step = funnel.Steps[0];
        var cut = OpenLanding(funnel with { Steps = [step with { Variants = [step.Variants[0] with { Blocks = [Headline] }] }] });

        cut.Find("[data-variant=b] [data-testid=variant-edit]").Click();
        cut.Find("[data-testid=variant-content] [data-testid=edit-block]").Click();
        cut.Find("[data-testid=variant-content] input[data-field=text]").Change("Stronger coffee");
        cut.Find("[data-testid=variant-content] [data-testid=variant-add-block]").Click();

        Assert.Equal(2, Data.Changes.Count);
        Assert.Equal(["Stronger coffee"], Data.Changes[0].VariantUpdate!.Blocks!.Select(b => b.Text));
        Assert.Equal(["headline", "headline"], Data.Changes[1].VariantUpdate!.Blocks!.Select(b => b.Type));
    }

    [Fact]
    public async Task A_selling_steps_variant_picks_its_own_offer()
    {
        var checkout = FakeFunnelCanvasData.Step("checkout", "checkout", 0) with { Offer = "offer_demo", Variants = [new("a", "Cheaper", 50, [], null)] };
        var cut = Open(FakeFunnelCanvasData.Empty() with { Steps = [checkout] });
        cut.Find("[data-step=checkout]").Click();
        var select = cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Cheaper's offer");

        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("offer_demo"));

        var change = Assert.Single(Data.Changes);
        Assert.Equal((FunnelChangeKind.UpdateVariant, "checkout", "a", "offer_demo"), (change.Kind, change.Step, change.Variant, change.VariantUpdate!.Offer));
        Assert.Null(change.VariantUpdate.Weight);
    }

    [Fact]
    public void A_landing_steps_variant_has_no_offer_to_pick() =>
        Assert.Empty(OpenLanding(Tested()).FindAll("[data-variant=b] [data-testid=variant-offer]"));
}

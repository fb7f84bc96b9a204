using Numi.Core.Common;
using Numi.Core.Funnels;

namespace Numi.Core.Tests.Funnels;

public sealed class StepVariantTests
{
    private static readonly Guid Offer = Guid.CreateVersion7();
    private static readonly Guid OtherOffer = Guid.CreateVersion7();

    private static FunnelStep Checkout()
    {
        var funnel = Funnel.Create(Guid.CreateVersion7(), "F", "fff", DateTime.UtcNow);
        var step = funnel.AddStep(FunnelStepType.Checkout, null, null).Value;
        step.Set(new StepFields("Checkout", Offer, Blocks: [new ContentBlock(ContentBlockType.Headline, "Original")]));
        return step;
    }

    private static VariantFields Fields(string name, int weight = 50, string? headline = null, Guid? offer = null) =>
        new(name, weight, headline is null ? [] : [new ContentBlock(ContentBlockType.Headline, headline)], offer);

    [Fact]
    public void Variants_get_letters_in_order_and_start_the_test()
    {
        var step = Checkout();
        Assert.Equal(StepTestStatus.Stopped, step.Test.Status);
        Assert.Equal("a", step.AddVariant(Fields("B")).Value.Key);
        Assert.Equal("b", step.AddVariant(Fields("C")).Value.Key);
        step.RemoveVariant("a");
        Assert.Equal("a", step.AddVariant(Fields("D")).Value.Key);
        Assert.Equal(StepTestStatus.Running, step.Test.Status);
    }

    [Fact]
    public void At_most_five_variants()
    {
        var step = Checkout();
        for (var i = 0; i < StepVariant.MaxPerStep; i++) step.AddVariant(Fields("V" + i));
        Assert.Equal(ErrorCodes.StateConflict, step.AddVariant(Fields("Too many")).FirstError.Code);
    }

    [Fact]
    public void Update_and_remove_name_the_variant()
    {
        var step = Checkout();
        step.AddVariant(Fields("B"));
        Assert.Equal(80, step.UpdateVariant("a", Fields("B", 80)).Value.Weight);
        Assert.Equal(ErrorCodes.ResourceMissing, step.UpdateVariant("z", Fields("B")).FirstError.Code);
        Assert.True(step.RemoveVariant("a").Succeeded);
        Assert.Equal(StepTestStatus.Stopped, step.Test.Status);
        Assert.Equal(ErrorCodes.ResourceMissing, step.RemoveVariant("a").FirstError.Code);
    }

    [Fact]
    public void Stopping_promotes_the_winners_content_and_offer()
    {
        var step = Checkout();
        step.Set(new StepFields("Checkout", Offer, Blocks: [new ContentBlock(ContentBlockType.Headline, "Original")], ControlWeight: 50));
        step.AddVariant(Fields("B", headline: "Winner", offer: OtherOffer));
        step.AddVariant(Fields("C", headline: "Loser"));

        Assert.True(step.StopTest("a").Succeeded);

        Assert.Equal("Winner", Assert.Single(step.Blocks).Text);
        Assert.Equal(OtherOffer, step.OfferId);
        Assert.Empty(step.Variants);
        Assert.Equal(100, step.ControlWeight);
        Assert.Equal(new StepTestState(StepTestStatus.Stopped, "a"), step.Test);
    }

    [Fact]
    public void A_winner_without_own_content_keeps_the_steps()
    {
        var step = Checkout();
        step.AddVariant(Fields("Same content, other offer", offer: OtherOffer));
        step.StopTest("a");
        Assert.Equal("Original", Assert.Single(step.Blocks).Text);
        Assert.Equal(OtherOffer, step.OfferId);
    }

    [Fact]
    public void The_control_can_win_and_an_unknown_winner_is_refused()
    {
        var step = Checkout();
        Assert.Equal(ErrorCodes.StateConflict, step.StopTest("a").FirstError.Code);
        step.AddVariant(Fields("B", headline: "Other"));
        Assert.Equal(ErrorCodes.ResourceMissing, step.StopTest("z").FirstError.Code);
        Assert.True(step.StopTest(StepVariant.ControlKey).Succeeded);
        Assert.Equal("Original", Assert.Single(step.Blocks).Text);
        Assert.Equal(StepVariant.ControlKey, step.Test.WinnerKey);
    }

    [Fact]
    public void Variant_offers_only_on_selling_steps()
    {
        var funnel = Funnel.Create(Guid.CreateVersion7(), "F", "fff", DateTime.UtcNow);
        var landing = funnel.AddStep(FunnelStepType.Landing, null, null).Value;
        Assert.Null(landing.AddVariant(Fields("B", offer: Offer)).Value.OfferId);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void Variant_weights_are_1_to_100(int weight, bool valid) =>
        Assert.Equal(valid, new VariantFieldsValidator().Validate(Fields("B", weight)).IsValid);

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void The_control_weight_is_0_to_100(int weight, bool valid) =>
        Assert.Equal(valid, new StepFieldsValidator().Validate(new StepFields("Step", ControlWeight: weight)).IsValid);
}

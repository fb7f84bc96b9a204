using Numi.Core.Common;
using Numi.Core.Funnels;

namespace Numi.Core.Tests.Funnels;

/// <summary>A step's whole traffic split set at once: every arm once, whole percentages in range, adding up to 100, or
/// nothing changes and each broken rule is named on its arm.</summary>
public sealed class StepWeightsTests
{
    private static FunnelStep Tested()
    {
        var funnel = Funnel.Create(Guid.CreateVersion7(), "F", "fff", DateTime.UtcNow);
        var step = funnel.AddStep(FunnelStepType.Landing, null, null).Value;
        step.Set(new StepFields("Landing", ControlWeight: 50));
        step.AddVariant(new VariantFields("Short", 30, [new ContentBlock(ContentBlockType.Headline, "Buy")]));
        step.AddVariant(new VariantFields("Video", 20));
        return step;
    }

    private static Dictionary<string, int> Split(int control, int a, int b) => new() { ["control"] = control, ["a"] = a, ["b"] = b };

    [Fact]
    public void A_split_adding_up_to_100_sets_every_arm_and_keeps_the_variants_content()
    {
        var step = Tested();

        Assert.True(step.SetWeights(Split(20, 40, 40)).Succeeded);

        Assert.Equal(20, step.ControlWeight);
        Assert.Equal([("a", 40), ("b", 40)], step.Variants.Select(v => (v.Key, v.Weight)));
        Assert.Equal(("Short", "Buy"), (step.Variants[0].Name, step.Variants[0].OwnBlocks[0].Text));
        Assert.Equal(StepTestStatus.Running, step.Test.Status);
    }

    [Theory]
    [InlineData(0, 50, 50)]
    [InlineData(98, 1, 1)]
    public void The_control_may_take_nothing_and_a_variant_one_percent(int control, int a, int b) =>
        Assert.True(Tested().SetWeights(Split(control, a, b)).Succeeded);

    [Fact]
    public void A_total_other_than_100_is_refused_with_the_total_and_changes_nothing()
    {
        var step = Tested();

        var result = step.SetWeights(Split(50, 30, 30));

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.ParameterInvalid, "weights", "The weights add up to 110; they must add up to 100."), (error.Code, error.Param, error.Message));
        Assert.Equal((50, 30, 20), (step.ControlWeight, step.Variants[0].Weight, step.Variants[1].Weight));
    }

    [Fact]
    public void Each_weight_out_of_range_is_named_on_its_arm()
    {
        var result = Tested().SetWeights(Split(-1, 0, 101));

        Assert.Equal(
        [
            ("weights.control", "The control's weight is from 0 to 100."),
            ("weights.a", "The weight of variant 'Short' is from 1 to 100."),
            ("weights.b", "The weight of variant 'Video' is from 1 to 100."),
        ], result.Errors.Select(e => (e.Param!, e.Message)));
        Assert.All(result.Errors, e => Assert.Equal(ErrorCodes.ParameterInvalid, e.Code));
    }

    [Fact]
    public void An_unknown_variant_and_a_missing_arm_are_refused()
    {
        var step = Tested();

        var result = step.SetWeights(new Dictionary<string, int> { ["control"] = 50, ["a"] = 30, ["z"] = 20 });

        Assert.Equal(
        [
            (ErrorCodes.ParameterInvalid, "weights.z", "The step 'Landing' has no variant 'z'."),
            (ErrorCodes.ParameterMissing, "weights.b", "Give the weight of variant 'Video' too: a split sets every arm."),
        ], result.Errors.Select(e => (e.Code, e.Param!, e.Message)));
        Assert.Equal(20, step.Variants[1].Weight);
    }

    [Fact]
    public void The_control_is_always_named()
    {
        var result = Tested().SetWeights(new Dictionary<string, int> { ["a"] = 50, ["b"] = 50 });

        Assert.Equal(("weights.control", ErrorCodes.ParameterMissing), (result.FirstError.Param, result.FirstError.Code));
    }

    [Fact]
    public void A_step_without_variants_takes_only_the_control_at_100()
    {
        var funnel = Funnel.Create(Guid.CreateVersion7(), "F", "fff", DateTime.UtcNow);
        var step = funnel.AddStep(FunnelStepType.Checkout, null, null).Value;

        Assert.True(step.SetWeights(new Dictionary<string, int> { ["control"] = 100 }).Succeeded);
        Assert.Equal("weights.a", step.SetWeights(new Dictionary<string, int> { ["control"] = 50, ["a"] = 50 }).FirstError.Param);
    }
}

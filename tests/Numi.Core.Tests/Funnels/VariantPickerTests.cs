using Numi.Core.Funnels.Experiments;

namespace Numi.Core.Tests.Funnels;

/// <summary>Deterministic, weighted arm choice: stable across processes, fair over many visitors.</summary>
public sealed class VariantPickerTests
{
    private static readonly WeightedArm[] ThreeArms = [new("control", 50), new("b", 30), new("c", 20)];

    [Theory]
    // Pinned against SHA-256 computed outside .NET: a change here would move live visitors between arms.
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA", "checkout", 100UL, 18UL)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA", "upsell-1", 100UL, 10UL)]
    [InlineData("visitor-1", "checkout", 100UL, 67UL)]
    [InlineData("Zm9vYmFyYmF6cXV4MTIzNA", "checkout", 1_000_000UL, 161_089UL)]
    public void The_bucket_is_the_same_in_every_process(string visitor, string step, ulong total, ulong expected) =>
        Assert.Equal(expected, VariantPicker.Bucket(visitor, step, total));

    [Fact]
    public void The_same_visitor_always_gets_the_same_arm()
    {
        for (var i = 0; i < 1000; i++)
        {
            var visitor = VisitorId.New().Value;
            var first = VariantPicker.Pick(visitor, "checkout", ThreeArms);
            Assert.Equal(first, VariantPicker.Pick(visitor, "checkout", ThreeArms));
        }
    }

    [Fact]
    public void Buckets_lie_over_the_arms_in_their_order()
    {
        // Bucket 18 of 100 falls in control's 0–49, 67 in b's 50–79, 89 in c's 80–99.
        Assert.Equal("control", VariantPicker.Pick("AAAAAAAAAAAAAAAAAAAAAA", "checkout", ThreeArms).Key);
        Assert.Equal("b", VariantPicker.Pick("visitor-1", "checkout", ThreeArms).Key);
        Assert.Equal("c", VariantPicker.Pick("Zm9vYmFyYmF6cXV4MTIzNA", "checkout", ThreeArms).Key);
    }

    [Fact]
    public void A_hundred_thousand_visitors_split_within_one_percent_of_the_weights()
    {
        const int visitors = 100_000;
        var counts = ThreeArms.ToDictionary(a => a.Key, _ => 0);
        for (var i = 0; i < visitors; i++) counts[VariantPicker.Pick(VisitorId.New().Value, "checkout", ThreeArms).Key]++;

        foreach (var arm in ThreeArms)
            Assert.InRange((double)counts[arm.Key] / visitors, arm.Weight / 100.0 - 0.01, arm.Weight / 100.0 + 0.01);
    }

    [Fact]
    public void A_visitors_arms_on_two_steps_are_independent()
    {
        WeightedArm[] half = [new("a", 1), new("b", 1)];
        var same = 0;
        const int visitors = 20_000;
        for (var i = 0; i < visitors; i++)
        {
            var visitor = VisitorId.New().Value;
            if (VariantPicker.Pick(visitor, "step-1", half) == VariantPicker.Pick(visitor, "step-2", half)) same++;
        }
        Assert.InRange((double)same / visitors, 0.48, 0.52);
    }

    [Fact]
    public void A_zero_weight_arm_is_never_chosen()
    {
        WeightedArm[] arms = [new("control", 1), new("paused", 0), new("b", 1)];

        for (var i = 0; i < 10_000; i++) Assert.NotEqual("paused", VariantPicker.Pick(VisitorId.New().Value, "s", arms).Key);
    }

    [Fact]
    public void A_stopped_test_sends_everyone_to_the_winner_even_a_paused_one()
    {
        WeightedArm[] arms = [new("control", 100), new("b", 0)];

        for (var i = 0; i < 1000; i++) Assert.Equal("b", VariantPicker.Pick(VisitorId.New().Value, "s", arms, winnerKey: "b").Key);
    }

    [Fact]
    public void A_single_arm_takes_everyone()
    {
        Assert.Equal("only", VariantPicker.Pick("v", "s", [new("only", 7)]).Key);
    }

    [Fact]
    public void Long_keys_hash_as_well_as_short_ones()
    {
        var longStep = new string('é', 2000);

        Assert.Equal(VariantPicker.Bucket("v", longStep, 97), VariantPicker.Bucket("v", longStep, 97));
        Assert.NotEqual(VariantPicker.Bucket("ab", "c", ulong.MaxValue), VariantPicker.Bucket("a", "bc", ulong.MaxValue));
    }

    [Fact]
    public void Bad_arms_are_refused()
    {
        Assert.Throws<ArgumentException>(() => VariantPicker.Pick("v", "s", []));
        Assert.Throws<ArgumentException>(() => VariantPicker.Pick("v", "s", [new("a", 0), new("b", 0)]));
        Assert.Throws<ArgumentException>(() => VariantPicker.Pick("v", "s", [new("a", 101)]));
        Assert.Throws<ArgumentException>(() => VariantPicker.Pick("v", "s", [new("a", -1)]));
        Assert.Throws<ArgumentException>(() => VariantPicker.Pick("v", "s", [new("a", 1), new("a", 1)]));
        Assert.Throws<ArgumentException>(() => VariantPicker.Pick("v", "s", [new("", 1)]));
        Assert.Throws<ArgumentException>(() => VariantPicker.Pick("v", "s", [new("a", 1)], winnerKey: "z"));
        Assert.Throws<ArgumentException>(() => VariantPicker.Pick("", "s", [new("a", 1)]));
        Assert.Throws<ArgumentNullException>(() => VariantPicker.Pick("v", null!, [new("a", 1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => VariantPicker.Bucket("v", "s", 0));
    }
}

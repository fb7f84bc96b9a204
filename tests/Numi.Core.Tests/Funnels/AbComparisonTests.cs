using Numi.Core.Funnels.Experiments;

namespace Numi.Core.Tests.Funnels;

/// <summary>The pooled two-proportion z-test worked by hand, the verdicts, and the figures around them.</summary>
public sealed class AbComparisonTests
{
    private static AbArm Control(long visitors, long conversions, long revenue = 0) => new("a", "A", visitors, conversions, revenue);
    private static AbArm Variant(long visitors, long conversions, long revenue = 0, string key = "b", string name = "B") => new(key, name, visitors, conversions, revenue);

    [Fact]
    public void The_textbook_example_200_of_1000_against_250_of_1000()
    {
        // By hand: p̂ = 450/2000 = 0.225; SE = √(0.225 × 0.775 × (1/1000 + 1/1000)) = √0.00034875 = 0.018675;
        // z = (0.25 − 0.20) / 0.018675 = 2.6774; p = 2(1 − Φ(2.6774)) = 0.00742.
        var result = AbComparison.Compare(Control(1000, 200), [Variant(1000, 250)]);

        var comparison = Assert.Single(result.Comparisons);
        Assert.Equal(2.6774, comparison.Z!.Value, 4);
        Assert.Equal(0.00742, comparison.PValue!.Value, 5);
        Assert.Equal(0.25, comparison.Uplift!.Value, 10);
        var verdict = Assert.IsType<AbVerdict.VariantBetter>(comparison.Verdict);
        Assert.Equal("Variant B converts better at 95% confidence: 25.0% against control's 20.0% (+25.0%), p = 0.0074.", verdict.Summary);
    }

    [Fact]
    public void The_control_wins_when_the_same_difference_runs_the_other_way()
    {
        var comparison = Assert.Single(AbComparison.Compare(Control(1000, 250), [Variant(1000, 200)]).Comparisons);

        Assert.Equal(-2.6774, comparison.Z!.Value, 4);
        Assert.Equal(-0.2, comparison.Uplift!.Value, 10);
        var verdict = Assert.IsType<AbVerdict.ControlBetter>(comparison.Verdict);
        Assert.Equal("Control converts better than variant B at 95% confidence: 20.0% against control's 25.0% (−20.0%), p = 0.0074.", verdict.Summary);
    }

    [Fact]
    public void Unequal_arms_use_the_pooled_standard_error()
    {
        // p̂ = 130/1020; SE = √(0.127451 × 0.872549 × (1/500 + 1/520)) = 0.020874; z = (0.153846 − 0.1) / 0.020874 = 2.578.
        var comparison = Assert.Single(AbComparison.Compare(Control(500, 50), [Variant(520, 80)]).Comparisons);

        Assert.Equal(2.5780, comparison.Z!.Value, 3);
        Assert.Equal(0.00994, comparison.PValue!.Value, 5);
        Assert.IsType<AbVerdict.VariantBetter>(comparison.Verdict);
    }

    [Fact]
    public void A_small_difference_is_not_significant()
    {
        var comparison = Assert.Single(AbComparison.Compare(Control(1000, 100), [Variant(1000, 110)]).Comparisons);

        Assert.Equal(0.7294, comparison.Z!.Value, 4);
        Assert.Equal(0.4657, comparison.PValue!.Value, 4);
        var verdict = Assert.IsType<AbVerdict.NoSignificantDifference>(comparison.Verdict);
        Assert.Equal("No significant difference at 95% confidence: variant B converts 11.0% against control's 10.0% (+10.0%), p = 0.4657.", verdict.Summary);
    }

    [Fact]
    public void Identical_arms_have_z_zero_and_p_one()
    {
        var comparison = Assert.Single(AbComparison.Compare(Control(800, 64), [Variant(800, 64)]).Comparisons);

        Assert.Equal(0.0, comparison.Z);
        Assert.Equal(1.0, comparison.PValue!.Value, 12);
        Assert.Equal(0.0, comparison.Uplift);
        Assert.IsType<AbVerdict.NoSignificantDifference>(comparison.Verdict);
    }

    [Fact]
    public void A_stricter_confidence_can_turn_a_win_into_no_difference()
    {
        var strict = new AbThresholds(Alpha: 0.001);

        var comparison = Assert.Single(AbComparison.Compare(Control(1000, 200), [Variant(1000, 250)], strict).Comparisons);

        Assert.StartsWith("No significant difference at 99.9% confidence", comparison.Verdict.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_visitors_says_which_arm_and_how_many()
    {
        var comparison = Assert.Single(AbComparison.Compare(Control(1200, 150), [Variant(37, 12)]).Comparisons);

        var verdict = Assert.IsType<AbVerdict.NotEnoughData>(comparison.Verdict);
        Assert.Equal("Not enough data yet: each arm needs at least 100 visitors, 10 conversions and 10 visitors who did not convert (variant B has 37 visitors).", verdict.Missing);
        Assert.Null(comparison.Z);
        Assert.Null(comparison.PValue);
        Assert.NotNull(comparison.Uplift);
    }

    [Fact]
    public void Zero_conversions_everywhere_is_not_enough_data_and_has_no_uplift()
    {
        var comparison = Assert.Single(AbComparison.Compare(Control(5000, 0), [Variant(5000, 0)]).Comparisons);

        Assert.Equal("Not enough data yet: each arm needs at least 100 visitors, 10 conversions and 10 visitors who did not convert (control has 0 conversions; variant B has 0 conversions).", comparison.Verdict.Summary);
        Assert.Null(comparison.Uplift);
    }

    [Fact]
    public void Everyone_converting_is_not_enough_data()
    {
        var comparison = Assert.Single(AbComparison.Compare(Control(300, 300), [Variant(300, 295)]).Comparisons);

        Assert.Equal("Not enough data yet: each arm needs at least 100 visitors, 10 conversions and 10 visitors who did not convert (control has 0 visitors who did not convert; variant B has 5 visitors who did not convert).", comparison.Verdict.Summary);
    }

    [Fact]
    public void Zero_visitors_leaves_the_rates_empty()
    {
        var result = AbComparison.Compare(Control(0, 0), [Variant(1, 1, 1999)]);

        Assert.Null(result.Control.ConversionRate);
        Assert.Null(result.Control.RevenuePerVisitorMinor);
        Assert.Equal(1.0, result.Variants[0].ConversionRate);
        Assert.Equal(1999, result.Variants[0].RevenuePerVisitorMinor);
        var comparison = Assert.Single(result.Comparisons);
        Assert.Null(comparison.Uplift);
        Assert.Equal("Not enough data yet: each arm needs at least 100 visitors, 10 conversions and 10 visitors who did not convert (control has 0 visitors; variant B has 1 visitor).", comparison.Verdict.Summary);
    }

    [Fact]
    public void Each_variant_is_judged_against_the_control_alone()
    {
        var result = AbComparison.Compare(Control(1000, 200, 400_000),
            [Variant(1000, 250, 612_345, "b", "B"), Variant(40, 4, 10_000, "c", "C")]);

        Assert.Equal(["b", "c"], result.Comparisons.Select(c => c.VariantKey));
        Assert.All(result.Comparisons, c => Assert.Equal("a", c.ControlKey));
        Assert.IsType<AbVerdict.VariantBetter>(result.Comparisons[0].Verdict);
        Assert.IsType<AbVerdict.NotEnoughData>(result.Comparisons[1].Verdict);
        Assert.Equal(400, result.Control.RevenuePerVisitorMinor);
        Assert.Equal(612, result.Variants[0].RevenuePerVisitorMinor);
        Assert.Equal(250, result.Variants[1].RevenuePerVisitorMinor);
    }

    [Theory]
    [InlineData(1000, 3, 333)]
    [InlineData(1001, 2, 501)] // 500.5 rounds away from zero
    [InlineData(999, 2, 500)] // 499.5 rounds away from zero
    [InlineData(2, 3, 1)] // 0.667
    [InlineData(1, 3, 0)] // 0.333
    [InlineData(0, 7, 0)]
    [InlineData(-1001, 2, -501)] // a refund-heavy figure rounds away from zero too
    [InlineData(long.MaxValue, 2, 4611686018427387904)]
    public void Revenue_per_visitor_rounds_half_away_from_zero_in_whole_minor_units(long revenue, long visitors, long expected) =>
        Assert.Equal(expected, AbComparison.RevenuePerVisitor(revenue, visitors));

    [Fact]
    public void Impossible_counts_are_refused()
    {
        Assert.Throws<ArgumentException>(() => AbComparison.Compare(Control(10, 11), [Variant(10, 1)]));
        Assert.Throws<ArgumentException>(() => AbComparison.Compare(Control(-1, 0), [Variant(10, 1)]));
        Assert.Throws<ArgumentException>(() => AbComparison.Compare(Control(10, -1), [Variant(10, 1)]));
        Assert.Throws<ArgumentException>(() => AbComparison.Compare(Control(10, 1, -5), [Variant(10, 1)]));
        Assert.Throws<ArgumentException>(() => AbComparison.Compare(Control(10, 1), []));
        Assert.Throws<ArgumentException>(() => AbComparison.Compare(Control(10, 1), [Variant(10, 1, key: "a")]));
        Assert.Throws<ArgumentException>(() => AbComparison.Compare(Control(10, 1), [Variant(10, 1, key: " ")]));
        Assert.Throws<ArgumentNullException>(() => AbComparison.Compare(null!, [Variant(10, 1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => AbComparison.Compare(Control(10, 1), [Variant(10, 1)], new AbThresholds(Alpha: 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => AbComparison.Compare(Control(10, 1), [Variant(10, 1)], new AbThresholds(MinVisitors: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => AbComparison.RevenuePerVisitor(100, 0));
    }

    [Fact]
    public void The_bare_z_score_refuses_an_undefined_test()
    {
        Assert.Throws<ArgumentException>(() => AbComparison.ZScore(0, 100, 0, 100));
        Assert.Throws<ArgumentException>(() => AbComparison.ZScore(100, 100, 100, 100));
        Assert.Throws<ArgumentException>(() => AbComparison.ZScore(0, 0, 1, 100));
    }
}

using Numi.Core.Funnels.Experiments;

namespace Numi.Core.Tests.Funnels;

/// <summary>Φ and the two-sided p-value against the values printed in normal tables (and, for the far tails, against
/// erfc computed independently to double precision).</summary>
public sealed class StandardNormalTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.8413447)]
    [InlineData(1.96, 0.9750021)]
    [InlineData(-1.96, 0.0249979)]
    [InlineData(2.5758293, 0.995)]
    [InlineData(3.0, 0.9986501)]
    [InlineData(-3.0, 0.0013499)]
    public void The_cdf_matches_the_normal_table(double z, double expected) =>
        Assert.Equal(expected, StandardNormal.Cdf(z), 7);

    [Fact]
    public void The_far_tails_keep_their_relative_precision()
    {
        Assert.Equal(6.220960574271819e-16, StandardNormal.Cdf(-8), 6.220960574271819e-16 * 1e-9);
        Assert.Equal(7.619853024160593e-24, StandardNormal.Cdf(-10), 7.619853024160593e-24 * 1e-9);
        // 1 − Φ(10) would be 0 in doubles; the p-value comes from erfc directly.
        Assert.Equal(1.5239706048321186e-23, StandardNormal.TwoSidedPValue(10), 1.5239706048321186e-23 * 1e-9);
    }

    [Theory]
    [InlineData(1.959964, 0.05)]
    [InlineData(-1.959964, 0.05)]
    [InlineData(2.5758293, 0.01)]
    [InlineData(0.0, 1.0)]
    public void The_two_sided_p_value_is_both_tails(double z, double expected) =>
        Assert.Equal(expected, StandardNormal.TwoSidedPValue(z), 6);

    [Fact]
    public void Not_a_number_is_refused()
    {
        Assert.Throws<ArgumentException>(() => StandardNormal.Cdf(double.NaN));
        Assert.Throws<ArgumentException>(() => StandardNormal.TwoSidedPValue(double.NaN));
    }

    [Fact]
    public void Infinite_statistics_have_limits()
    {
        Assert.Equal(1.0, StandardNormal.Cdf(double.PositiveInfinity));
        Assert.Equal(0.0, StandardNormal.Cdf(double.NegativeInfinity));
        Assert.Equal(0.0, StandardNormal.TwoSidedPValue(double.PositiveInfinity));
    }
}

using MathNet.Numerics;

namespace Numi.Core.Funnels.Experiments;

/// <summary>The standard normal distribution, for the A/B z-test. Backed by Math.NET Numerics' complementary error
/// function (a served, well-kept library: shared/DEPENDENCIES.md's rule is to use one where it exists rather than
/// carry a hand-written approximation). Its erfc is accurate to about double precision across the range, so a tiny
/// p-value is computed directly as erfc(|z|/√2) and never as 1 − Φ(|z|), which would cancel to zero past |z| ≈ 8.</summary>
public static class StandardNormal
{
    private static readonly double Sqrt2 = Math.Sqrt(2.0);

    /// <summary>Φ(z) = P(Z ≤ z) for a standard normal Z.</summary>
    public static double Cdf(double z)
    {
        if (double.IsNaN(z)) throw new ArgumentException("z is not a number.", nameof(z));
        return 0.5 * SpecialFunctions.Erfc(-z / Sqrt2);
    }

    /// <summary>P(|Z| ≥ |z|): the two-sided p-value of a z statistic.</summary>
    public static double TwoSidedPValue(double z)
    {
        if (double.IsNaN(z)) throw new ArgumentException("z is not a number.", nameof(z));
        return Math.Min(1.0, SpecialFunctions.Erfc(Math.Abs(z) / Sqrt2));
    }
}

namespace Numi.Core.Funnels.Experiments;

/// <summary>When an A/B comparison may be judged, and at what confidence.
/// <para>The z-test leans on the normal approximation of a binomial proportion, which the textbooks' success/failure
/// condition trusts once each arm has at least about 10 conversions and 10 visitors who did not convert. That condition
/// also excludes the cases where the test is undefined: 0% or 100% conversion in both arms gives a pooled standard
/// error of zero. The 100-visitor floor is a product choice on top: below it a merchant would read noise, however the
/// counts fall. <see cref="Alpha"/> 0.05 is 95% confidence, two-sided.</para></summary>
public sealed record AbThresholds(int MinVisitors = 100, int MinConversions = 10, int MinNonConversions = 10, double Alpha = 0.05)
{
    public static readonly AbThresholds Default = new();

    internal void Check()
    {
        if (MinVisitors < 1) throw new ArgumentOutOfRangeException(nameof(MinVisitors), MinVisitors, "At least one visitor per arm.");
        if (MinConversions < 1) throw new ArgumentOutOfRangeException(nameof(MinConversions), MinConversions, "At least one conversion per arm.");
        if (MinNonConversions < 1) throw new ArgumentOutOfRangeException(nameof(MinNonConversions), MinNonConversions, "At least one visitor per arm who did not convert.");
        if (!(Alpha > 0 && Alpha < 1)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "A significance level strictly between 0 and 1.");
    }

    /// <summary>The confidence as a percentage for people: 95 for an alpha of 0.05.</summary>
    public string ConfidenceText => ((1 - Alpha) * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";
}

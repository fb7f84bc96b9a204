using Numi.Core.Common;
using Numi.Core.Tax;

namespace Numi.Core.Tests.Tax;

/// <summary>Tax amounts in minor units: exclusive on top, inclusive extracted, rounded half away from zero, exact percentages.</summary>
public sealed class TaxRateTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    internal static TaxRate Rate(decimal percentage, bool inclusive, string country = "US", string? state = null, string name = "Tax") =>
        TaxRate.Create(new TaxRateFields(name, country, state, percentage, inclusive), Now);

    [Theory]
    [InlineData(10_000, 8.875, 888)]      // 887.5 rounds away from zero
    [InlineData(1_000, 8.875, 89)]        // 88.75
    [InlineData(1_001, 8.875, 89)]        // 88.83875
    [InlineData(200, 0.25, 1)]            // exactly 0.5
    [InlineData(199, 0.25, 0)]            // 0.4975
    [InlineData(-200, 0.25, -1)]          // away from zero on the negative side too
    [InlineData(2_500, 20, 500)]
    [InlineData(0, 20, 0)]
    [InlineData(12_345, 0.0001, 0)]       // the finest percentage: 0.012345
    public void Exclusive_tax_is_the_rate_of_the_amount_rounded_half_away_from_zero(long amount, double percentage, long tax) =>
        Assert.Equal(tax, Rate((decimal)percentage, inclusive: false).TaxOn(amount));

    [Theory]
    [InlineData(1_200, 20, 200)]          // 1200 × 0.2 / 1.2, exact
    [InlineData(1_000, 20, 167)]          // 166.67
    [InlineData(3, 20, 1)]                // 0.5 exactly: away from zero
    [InlineData(9, 20, 2)]                // 1.5
    [InlineData(10_000, 8.875, 815)]      // 815.16
    public void Inclusive_tax_is_extracted_as_amount_times_rate_over_one_plus_rate(long amount, double percentage, long tax) =>
        Assert.Equal(tax, Rate((decimal)percentage, inclusive: true).TaxOn(amount));

    [Fact]
    public void The_largest_amounts_are_taxed_exactly_without_overflowing_the_intermediate_product()
    {
        const long amount = 4_000_000_000_000_000_000;   // amount × rate in ppm is far above long.MaxValue
        Assert.Equal(800_000_000_000_000_000, Rate(20, inclusive: false).TaxOn(amount));
        Assert.Equal(666_666_666_666_666_667, Rate(20, inclusive: true).TaxOn(amount));
    }

    [Theory]
    [InlineData("VAT", 20, "VAT 20%")]
    [InlineData("Sales tax", 8.875, "Sales tax 8.875%")]
    [InlineData("GST", 0.0001, "GST 0.0001%")]
    public void The_label_shows_the_exact_percentage(string name, double percentage, string label)
    {
        var rate = Rate((decimal)percentage, false, name: name);
        Assert.Equal(label, rate.Label);
        Assert.Equal((decimal)percentage, rate.Percentage);
    }

    [Fact]
    public void Country_and_region_are_stored_upper_case_and_the_percentage_in_millionths()
    {
        var rate = Rate(8.875m, false, " us ", "ca");
        Assert.Equal(("US", "CA", 88_750), (rate.Country, rate.Region, rate.RatePpm));
    }

    [Fact]
    public void The_country_list_is_the_249_iso_codes()
    {
        Assert.Equal(249, Countries.All.Count);
        Assert.Equal(249, Countries.All.Distinct().Count());
        Assert.Equal("GB", Countries.Normalize("gb"));
        Assert.Null(Countries.Normalize("UK"));
        Assert.Null(Countries.Normalize("XX"));
        Assert.Equal("United Kingdom", Countries.NameOf("GB"));
    }
}

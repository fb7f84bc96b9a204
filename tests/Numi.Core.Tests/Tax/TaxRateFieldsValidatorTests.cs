using Numi.Core.Common;
using Numi.Core.Tax;

namespace Numi.Core.Tests.Tax;

public sealed class TaxRateFieldsValidatorTests
{
    private static readonly TaxRateFieldsValidator Validator = new();

    private static IReadOnlyList<Error> Check(TaxRateFields fields) => Validator.Check(fields);

    [Theory]
    [InlineData("20")]
    [InlineData("8.875")]
    [InlineData("0.0001")]
    [InlineData("0")]
    [InlineData("100")]
    public void Percentages_from_0_to_100_with_up_to_four_decimals_pass(string percentage) =>
        Assert.Empty(Check(new TaxRateFields("VAT", "gb", null, decimal.Parse(percentage, System.Globalization.CultureInfo.InvariantCulture), true)));

    [Theory]
    [InlineData(null, "US", null, "7", "display_name")]
    [InlineData("Sales tax", null, null, "7", "country")]
    [InlineData("Sales tax", "XX", null, "7", "country")]
    [InlineData("Sales tax", "US", "CALI", "7", "state")]
    [InlineData("Sales tax", "US", "C-A", "7", "state")]
    [InlineData("Sales tax", "US", "CA", null, "percentage")]
    [InlineData("Sales tax", "US", "CA", "100.5", "percentage")]
    [InlineData("Sales tax", "US", "CA", "-1", "percentage")]
    [InlineData("Sales tax", "US", "CA", "8.87501", "percentage")]
    public void Each_bad_field_is_named(string? name, string? country, string? state, string? percentage, string param)
    {
        var errors = Check(new TaxRateFields(name, country, state,
            percentage is null ? null : decimal.Parse(percentage, System.Globalization.CultureInfo.InvariantCulture), false));
        Assert.Equal(param, Assert.Single(errors).Param);
    }
}

using Numi.Core.Common;

namespace Numi.Core.Tests.Common;

public sealed class CurrencyTests
{
    [Theory]
    [InlineData("usd", "usd")]
    [InlineData("USD", "usd")]
    [InlineData(" Eur ", "eur")]
    [InlineData("jpy", "jpy")]
    public void Normalize_lower_cases_known_codes(string input, string expected)
    {
        Assert.Equal(expected, Currency.Normalize(input));
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("us")]
    [InlineData("usdd")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Normalize_returns_null_for_unknown_codes(string? input)
    {
        Assert.Null(Currency.Normalize(input));
    }

    [Theory]
    [InlineData("jpy", true)]
    [InlineData("krw", true)]
    [InlineData("clp", true)]
    [InlineData("usd", false)]
    [InlineData("eur", false)]
    [InlineData("bhd", false)]
    public void IsZeroDecimal_follows_the_zero_decimal_list(string code, bool expected)
    {
        Assert.Equal(expected, Currency.IsZeroDecimal(code));
    }

    [Fact]
    public void Every_zero_decimal_currency_is_a_known_currency()
    {
        foreach (var code in new[] { "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf" })
        {
            Assert.True(Currency.IsZeroDecimal(code), code);
            Assert.Equal(code, Currency.Normalize(code));
        }
    }
}

using Numi.Core.Common;

namespace Numi.Core.Tests.Common;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(5_100, "usd", "$51.00")]
    [InlineData(0, "usd", "$0.00")]
    [InlineData(5, "usd", "$0.05")]
    [InlineData(123_456_789, "usd", "$1,234,567.89")]
    [InlineData(50, "eur", "€0.50")]
    [InlineData(1_200, "jpy", "¥1,200")]
    [InlineData(1_234_567, "krw", "₩1,234,567")]
    [InlineData(1_250, "kwd", "KWD 1.250")]
    [InlineData(5, "bhd", "BHD 0.005")]
    [InlineData(12_345, "sek", "SEK 123.45")]
    [InlineData(500, "chf", "CHF 5.00")]
    [InlineData(500, "cad", "CA$5.00")]
    [InlineData(-500, "usd", "-$5.00")]
    [InlineData(-1_200, "jpy", "-¥1,200")]
    [InlineData(-1_250, "kwd", "-KWD 1.250")]
    public void Format_uses_the_symbol_or_the_upper_case_code_and_the_currency_decimals(long amount, string currency, string expected)
    {
        Assert.Equal(expected, Money.Format(amount, currency));
        Assert.Equal(expected, new Money(amount, currency).ToString());
    }

    [Fact]
    public void Format_handles_the_extremes_of_long()
    {
        Assert.Equal("$92,233,720,368,547,758.07", Money.Format(long.MaxValue, "usd"));
        Assert.Equal("-$92,233,720,368,547,758.08", Money.Format(long.MinValue, "usd"));
    }

    [Theory]
    [InlineData("5", "usd", 500L)]
    [InlineData("5.5", "usd", 550L)]
    [InlineData("5.50", "usd", 550L)]
    [InlineData("5.55", "usd", 555L)]
    [InlineData(" 5 ", "usd", 500L)]
    [InlineData("0", "usd", 0L)]
    [InlineData("1,200.00", "usd", 120_000L)]
    [InlineData("1,200", "jpy", 1_200L)]
    [InlineData("1200", "jpy", 1_200L)]
    [InlineData("1.25", "kwd", 1_250L)]
    [InlineData("1.255", "kwd", 1_255L)]
    [InlineData("92233720368547758.07", "usd", long.MaxValue)]
    public void ParseMajor_reads_what_a_person_types_into_minor_units(string text, string currency, long expected)
    {
        Assert.Equal(expected, Money.ParseMajor(text, currency));
    }

    [Theory]
    [InlineData("5.555", "usd")]
    [InlineData("1.5", "jpy")]
    [InlineData("1.2555", "kwd")]
    [InlineData("-1", "usd")]
    [InlineData("-0.50", "usd")]
    [InlineData("abc", "usd")]
    [InlineData("5 usd", "usd")]
    [InlineData("$5", "usd")]
    [InlineData("1e3", "usd")]
    [InlineData("", "usd")]
    [InlineData("   ", "usd")]
    [InlineData(null, "usd")]
    [InlineData("92233720368547758.08", "usd")]
    [InlineData("9223372036854775808", "jpy")]
    [InlineData("5,00", "usd")]
    [InlineData("12,5", "usd")]
    [InlineData("1,2,3", "jpy")]
    [InlineData("1,20,000", "jpy")]
    [InlineData(",500", "usd")]
    public void ParseMajor_returns_null_for_anything_but_a_non_negative_amount_the_currency_can_hold(string? text, string currency)
    {
        Assert.Null(Money.ParseMajor(text, currency));
    }

    /// <summary>A number that fits in a decimal but not once scaled to minor units (here 10^28 dollars, 10^30 cents)
    /// is not an amount either: null, not an <see cref="OverflowException"/> from the multiplication.</summary>
    [Theory]
    [InlineData("9999999999999999999999999999", "usd")]
    [InlineData("79228162514264337593543950335", "kwd")]
    public void ParseMajor_returns_null_for_a_number_too_large_to_scale(string text, string currency)
    {
        Assert.Null(Money.ParseMajor(text, currency));
    }

    [Theory]
    [InlineData(500, "usd", "5.00")]
    [InlineData(550, "usd", "5.50")]
    [InlineData(5, "usd", "0.05")]
    [InlineData(0, "usd", "0.00")]
    [InlineData(120_000, "usd", "1200.00")]
    [InlineData(500, "jpy", "500")]
    [InlineData(1_250, "kwd", "1.250")]
    [InlineData(-550, "usd", "-5.50")]
    public void ToMajorText_is_what_a_person_types_without_symbol_or_grouping(long amount, string currency, string expected)
    {
        Assert.Equal(expected, Money.ToMajorText(amount, currency));
    }

    [Theory]
    [InlineData(0, "usd")]
    [InlineData(5_100, "usd")]
    [InlineData(1_200, "jpy")]
    [InlineData(1_255, "kwd")]
    [InlineData(123_456_789, "eur")]
    public void ToMajorText_round_trips_through_ParseMajor(long amount, string currency)
    {
        Assert.Equal(amount, Money.ParseMajor(Money.ToMajorText(amount, currency), currency));
    }
}

using Numi.Core.Payments;
using Numi.Infrastructure.Payments;

namespace Numi.Infrastructure.Tests.Checkout;

/// <summary>What the simulated processor checks before it looks a card up: format, Luhn, expiry, CVC.</summary>
public sealed class CardCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Every card number of the test cards table in shared/API.md, as printed there.</summary>
    public static TheoryData<string> TestCards => new()
    {
        "4242 4242 4242 4242",
        "5555 5555 5555 4444",
        "4000 0000 0000 0002",
        "4000 0000 0000 9995",
        "4000 0000 0000 0069",
        "4000 0000 0000 0127",
        "4000 0025 0000 3155",
        "4000 0000 0000 0341",
    };

    private static CardDetails Card(string number = "4242 4242 4242 4242", int month = 12, int year = 2030, string cvc = "123") =>
        new(number, month, year, cvc);

    [Theory, MemberData(nameof(TestCards))]
    public void Every_test_card_passes_the_Luhn_checksum_and_the_whole_check(string number)
    {
        Assert.True(CardCheck.Luhn(CardCheck.Digits(number)));
        Assert.Null(CardCheck.Problem(Card(number), Now));
        Assert.Null(CardCheck.Problem(Card(number.Replace(" ", "-")), Now));
        Assert.Null(CardCheck.Problem(Card(number.Replace(" ", "")), Now));
    }

    [Theory]
    [InlineData("4242 4242 4242 4241")] // last digit off by one
    [InlineData("4242 4242 4242 4224")] // two digits swapped
    [InlineData("4000 0000 0000 0001")]
    [InlineData("5555 5555 5555 4445")]
    public void A_number_with_a_bad_checksum_is_refused_on_the_card_number(string number)
    {
        Assert.False(CardCheck.Luhn(CardCheck.Digits(number)));
        AssertInvalid(CardCheck.Problem(Card(number), Now), "card.number");
    }

    [Theory]
    [InlineData("4242-4242-4242-424x")]   // a letter
    [InlineData("4242.4242.4242.4242")]   // a character other than space or dash
    [InlineData("42424242424")]           // 11 digits
    [InlineData("42424242424242424242")]  // 20 digits
    [InlineData("")]
    public void A_malformed_number_is_refused_on_the_card_number(string number) =>
        AssertInvalid(CardCheck.Problem(Card(number), Now), "card.number");

    [Theory]
    [InlineData(13)]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_month_outside_1_to_12_is_refused_on_the_expiry_month(int month) =>
        AssertInvalid(CardCheck.Problem(Card(month: month), Now), "card.exp_month");

    [Theory]
    [InlineData(10, 2026)] // last month
    [InlineData(12, 2025)] // last year
    [InlineData(10, 26)]   // two-digit year, last month
    [InlineData(1, 2000)]
    public void A_past_expiry_is_refused_on_the_expiry_year(int month, int year) =>
        AssertInvalid(CardCheck.Problem(Card(month: month, year: year), Now), "card.exp_year");

    [Theory]
    [InlineData(11, 2026)] // the card is valid through the end of its expiry month
    [InlineData(12, 2026)]
    [InlineData(1, 27)]    // two-digit year
    [InlineData(12, 2040)]
    public void A_current_or_future_expiry_is_accepted(int month, int year) =>
        Assert.Null(CardCheck.Problem(Card(month: month, year: year), Now));

    [Theory]
    [InlineData("12")]
    [InlineData("12345")]
    [InlineData("12a")]
    [InlineData("")]
    public void A_cvc_that_is_not_3_or_4_digits_is_refused_on_the_cvc(string cvc) =>
        AssertInvalid(CardCheck.Problem(Card(cvc: cvc), Now), "card.cvc");

    [Theory]
    [InlineData("123")]
    [InlineData("1234")]
    public void A_3_or_4_digit_cvc_is_accepted(string cvc) => Assert.Null(CardCheck.Problem(Card(cvc: cvc), Now));

    [Fact]
    public void Card_details_never_print_the_number_or_cvc()
    {
        var card = Card("4242 4242 4242 4242", cvc: "987");

        var text = card.ToString() + " " + $"{card}";

        Assert.DoesNotContain("4242", text);
        Assert.DoesNotContain("987", text);
    }

    private static void AssertInvalid(ChargeOutcome? outcome, string param)
    {
        Assert.NotNull(outcome);
        Assert.Equal(ChargeStatus.InvalidCard, outcome.Status);
        Assert.Equal(param, outcome.Param);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Message));
        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.PaymentIntentId);
    }
}

using Numi.Core.Payments;
using Numi.Infrastructure.Payments;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Checkout;

/// <summary>The test-mode processor: shared/API.md's test cards and pm_card_* methods, and idempotency keys.</summary>
public sealed class SimulatedGatewayTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static SimulatedGateway NewGateway() => new(new FakeTimeProvider(Now));

    private static string NewKey() => "cs_test_" + Guid.NewGuid().ToString("N") + "-1";

    private static Task<ChargeOutcome> ChargeAsync(SimulatedGateway gateway, string? paymentMethod, CardDetails? card = null, string? key = null) =>
        gateway.ChargeAsync(new ChargeRequest(1_500, "usd", key ?? NewKey(), paymentMethod, card, "shopper@example.com"), default);

    /// <summary>The table of shared/API.md: number, payment method, outcome, decline code; brand and last 4.</summary>
    public static TheoryData<string, string, ChargeStatus, string?, string, string> Table => new()
    {
        { "4242 4242 4242 4242", "pm_card_visa", ChargeStatus.Succeeded, null, "visa", "4242" },
        { "5555 5555 5555 4444", "pm_card_mastercard", ChargeStatus.Succeeded, null, "mastercard", "4444" },
        { "4000 0000 0000 0002", "pm_card_chargeDeclined", ChargeStatus.Declined, "generic_decline", "visa", "0002" },
        { "4000 0000 0000 9995", "pm_card_chargeDeclinedInsufficientFunds", ChargeStatus.Declined, "insufficient_funds", "visa", "9995" },
        { "4000 0000 0000 0069", "pm_card_chargeDeclinedExpiredCard", ChargeStatus.Declined, "expired_card", "visa", "0069" },
        { "4000 0000 0000 0127", "pm_card_chargeDeclinedIncorrectCvc", ChargeStatus.Declined, "incorrect_cvc", "visa", "0127" },
        { "4000 0025 0000 3155", "pm_card_authenticationRequired", ChargeStatus.RequiresAction, null, "visa", "3155" },
        { "4000 0000 0000 0341", "pm_card_chargeCustomerFail", ChargeStatus.Declined, "generic_decline", "visa", "0341" },
    };

    [Theory, MemberData(nameof(Table))]
    public async Task Every_test_payment_method_gives_its_documented_outcome(
        string number, string method, ChargeStatus status, string? declineCode, string brand, string last4)
    {
        _ = number;
        var outcome = await ChargeAsync(NewGateway(), method);

        AssertOutcome(outcome, method, status, declineCode, brand, last4);
    }

    [Theory, MemberData(nameof(Table))]
    public async Task Every_test_card_number_gives_the_outcome_of_its_payment_method(
        string number, string method, ChargeStatus status, string? declineCode, string brand, string last4)
    {
        var outcome = await ChargeAsync(NewGateway(), null, new CardDetails(number, 12, 2030, "123"));

        AssertOutcome(outcome, method, status, declineCode, brand, last4);
    }

    private static void AssertOutcome(ChargeOutcome outcome, string method, ChargeStatus status, string? declineCode, string brand, string last4)
    {
        Assert.Equal(status, outcome.Status);
        Assert.Equal(status == ChargeStatus.Succeeded, outcome.Succeeded);
        Assert.Equal(declineCode, outcome.DeclineCode);
        Assert.Equal(method, outcome.PaymentMethod);
        Assert.Equal(brand, outcome.CardBrand);
        Assert.Equal(last4, outcome.CardLast4);
        Assert.StartsWith("pi_", outcome.PaymentIntentId);
        if (status != ChargeStatus.Succeeded) Assert.False(string.IsNullOrWhiteSpace(outcome.Message));
    }

    [Fact]
    public async Task The_4242_card_succeeds_as_a_visa_ending_4242()
    {
        var outcome = await ChargeAsync(NewGateway(), null, new CardDetails("4242424242424242", 12, 2030, "123"));

        Assert.True(outcome.Succeeded);
        Assert.Equal("visa", outcome.CardBrand);
        Assert.Equal("4242", outcome.CardLast4);
        Assert.Null(outcome.DeclineCode);
        // The card becomes its test payment method: that, not the number, is what may be saved.
        Assert.Equal("pm_card_visa", outcome.PaymentMethod);
        Assert.DoesNotContain("4242424242424242", outcome.ToString());
    }

    [Fact]
    public async Task The_0002_card_is_declined_with_generic_decline()
    {
        var outcome = await ChargeAsync(NewGateway(), null, new CardDetails("4000 0000 0000 0002", 12, 2030, "123"));

        Assert.False(outcome.Succeeded);
        Assert.Equal(ChargeStatus.Declined, outcome.Status);
        Assert.Equal("generic_decline", outcome.DeclineCode);
    }

    [Fact]
    public async Task A_valid_card_number_that_is_not_a_test_card_is_declined()
    {
        var outcome = await ChargeAsync(NewGateway(), null, new CardDetails("4111 1111 1111 1111", 12, 2030, "123"));

        Assert.Equal(ChargeStatus.Declined, outcome.Status);
        Assert.Equal("generic_decline", outcome.DeclineCode);
        Assert.Equal("1111", outcome.CardLast4);
    }

    [Theory]
    [InlineData("4242 4242 4242 4241", 12, 2030, "123", "card.number")]
    [InlineData("4242 4242 4242 4242", 13, 2030, "123", "card.exp_month")]
    [InlineData("4242 4242 4242 4242", 10, 2026, "123", "card.exp_year")]
    [InlineData("4242 4242 4242 4242", 12, 2030, "12", "card.cvc")]
    public async Task An_invalid_card_is_refused_on_its_field_without_a_payment_intent(string number, int month, int year, string cvc, string param)
    {
        var outcome = await ChargeAsync(NewGateway(), null, new CardDetails(number, month, year, cvc));

        Assert.Equal(ChargeStatus.InvalidCard, outcome.Status);
        Assert.Equal(param, outcome.Param);
        Assert.Null(outcome.PaymentIntentId);
    }

    [Theory]
    [InlineData("pm_card_unknown")]
    [InlineData("PM_CARD_VISA")]
    [InlineData("")]
    public async Task An_unknown_payment_method_is_refused_on_payment_method(string method)
    {
        var outcome = await ChargeAsync(NewGateway(), method);

        Assert.Equal(ChargeStatus.InvalidCard, outcome.Status);
        Assert.Equal("payment_method", outcome.Param);
        Assert.Null(outcome.PaymentIntentId);
    }

    [Fact]
    public async Task The_same_idempotency_key_answers_the_first_outcome_again()
    {
        var gateway = NewGateway();
        var key = NewKey();

        var first = await ChargeAsync(gateway, "pm_card_visa", key: key);
        var again = await ChargeAsync(gateway, "pm_card_visa", key: key);
        var other = await ChargeAsync(gateway, "pm_card_visa");

        Assert.True(first.Succeeded);
        Assert.Equal(first, again);
        Assert.Equal(first.PaymentIntentId, again.PaymentIntentId);
        Assert.NotEqual(first.PaymentIntentId, other.PaymentIntentId);
    }

    [Fact]
    public async Task A_repeated_key_does_not_turn_a_decline_into_a_success_or_a_success_into_a_decline()
    {
        var gateway = NewGateway();
        var declinedKey = NewKey();
        var paidKey = NewKey();

        var declined = await ChargeAsync(gateway, "pm_card_chargeDeclined", key: declinedKey);
        var declinedAgain = await ChargeAsync(gateway, "pm_card_visa", key: declinedKey);
        var paid = await ChargeAsync(gateway, null, new CardDetails("4242 4242 4242 4242", 12, 2030, "123"), paidKey);
        var paidAgain = await ChargeAsync(gateway, "pm_card_chargeDeclined", key: paidKey);

        Assert.Equal(ChargeStatus.Declined, declinedAgain.Status);
        Assert.Equal(declined.PaymentIntentId, declinedAgain.PaymentIntentId);
        Assert.True(paidAgain.Succeeded);
        Assert.Equal(paid.PaymentIntentId, paidAgain.PaymentIntentId);
    }

    [Fact]
    public async Task Simultaneous_charges_with_one_key_all_answer_one_payment_intent()
    {
        var gateway = NewGateway();
        var key = NewKey();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => ChargeAsync(gateway, "pm_card_visa", key: key))));

        Assert.Single(outcomes.Select(o => o.PaymentIntentId).Distinct());
        Assert.All(outcomes, o => Assert.True(o.Succeeded));
    }
}

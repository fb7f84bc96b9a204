using Numi.Infrastructure.Tests.Support;
using Numi.Core.Payments;
using Numi.Infrastructure.Payments;

namespace Numi.Infrastructure.Tests.Processors;

/// <summary>Saving a card on the simulated processor behaves as Stripe's SetupIntent with its test cards: good cards and
/// 4000 0000 0000 0341 are kept (that one then fails when charged), cards the bank refuses are declines, and nothing
/// is charged.</summary>
public sealed class SimulatedCardSavingTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2027, 1, 15, 12, 0, 0, TimeSpan.Zero));
    private readonly SimulatedGateway _gateway = new(Clock);

    private Task<SavedCardOutcome> SaveAsync(string number) =>
        _gateway.SaveCardAsync(new SaveCardRequest("ana@example.com", Guid.NewGuid().ToString(), null, new CardDetails(number, 12, 2030, "123")), default);

    [Theory]
    [InlineData("4242 4242 4242 4242", "pm_card_visa", "visa", "4242")]
    [InlineData("5555555555554444", "pm_card_mastercard", "mastercard", "4444")]
    [InlineData("4000 0000 0000 0341", "pm_card_chargeCustomerFail", "visa", "0341")]
    public async Task A_card_the_bank_accepts_is_kept_as_a_payment_method(string number, string method, string brand, string last4)
    {
        var saved = await SaveAsync(number);

        Assert.True(saved.Succeeded);
        Assert.Equal((method, brand, last4, $"{brand} •••• {last4}"), (saved.PaymentMethod, saved.CardBrand, saved.CardLast4, saved.Card));
    }

    [Fact]
    public async Task The_0341_card_is_kept_but_its_later_charge_is_declined()
    {
        var saved = await SaveAsync("4000000000000341");

        var charge = await _gateway.ChargeAsync(new ChargeRequest(2_200, "usd", "renewal-1", saved.PaymentMethod, null, "ana@example.com", OffSession: true), default);

        Assert.Equal((ChargeStatus.Declined, "generic_decline"), (charge.Status, charge.DeclineCode));
    }

    [Theory]
    [InlineData("4000000000000002", "generic_decline")]
    [InlineData("4000000000009995", "insufficient_funds")]
    [InlineData("4000000000000069", "expired_card")]
    [InlineData("4111111111111111", "generic_decline")]
    public async Task A_card_the_bank_refuses_now_is_a_decline_with_its_code(string number, string declineCode)
    {
        var saved = await SaveAsync(number);

        Assert.Equal((ChargeStatus.Declined, declineCode), (saved.Status, saved.DeclineCode));
        Assert.False(string.IsNullOrWhiteSpace(saved.Message));
    }

    [Fact]
    public async Task A_card_that_needs_the_banks_confirmation_is_not_kept_here()
    {
        var saved = await SaveAsync("4000002500003155");

        Assert.Equal(ChargeStatus.RequiresAction, saved.Status);
        Assert.Contains("another card", saved.Message);
    }

    [Theory]
    [InlineData("4242 4242 4242 4241", "card.number")]
    [InlineData("4242", "card.number")]
    public async Task Card_details_that_cannot_be_a_card_name_their_field(string number, string param)
    {
        var saved = await SaveAsync(number);

        Assert.Equal((ChargeStatus.InvalidCard, param), (saved.Status, saved.Param));
    }

    [Theory]
    [InlineData("pm_card_visa", ChargeStatus.Succeeded)]
    [InlineData("pm_card_chargeDeclinedInsufficientFunds", ChargeStatus.Declined)]
    [InlineData("pm_nope", ChargeStatus.InvalidCard)]
    public async Task A_test_payment_method_is_saved_as_its_card(string method, ChargeStatus status)
    {
        var saved = await _gateway.SaveCardAsync(new SaveCardRequest("ana@example.com", "k", method, null), default);

        Assert.Equal(status, saved.Status);
    }
}

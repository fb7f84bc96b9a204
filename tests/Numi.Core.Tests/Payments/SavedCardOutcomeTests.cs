using Numi.Core.Payments;

namespace Numi.Core.Tests.Payments;

/// <summary>A card kept for a trial reads as a payment of zero whose id is the setup's; a bank that wants the card
/// confirmed is a refusal, since no charge follows to confirm it on.</summary>
public sealed class SavedCardOutcomeTests
{
    [Fact]
    public void A_kept_card_is_a_zero_payment_with_the_setups_id_and_the_card()
    {
        var saved = new SavedCardOutcome(ChargeStatus.Succeeded, "pm_card_visa", "visa", "4242", SetupIntentId: "seti_1");

        var charge = saved.AsZeroCharge("eur");

        Assert.Equal((ChargeStatus.Succeeded, "seti_1", "pm_card_visa", "visa", "4242", 0L, "eur"),
            (charge.Status, charge.PaymentIntentId, charge.PaymentMethod, charge.CardBrand, charge.CardLast4, charge.Amount, charge.Currency));
    }

    [Fact]
    public void A_bank_asking_to_confirm_the_card_is_a_refusal_for_authentication()
    {
        var charge = new SavedCardOutcome(ChargeStatus.RequiresAction, "pm_card_authenticationRequired", SetupIntentId: "seti_2").AsZeroCharge("usd");

        Assert.Equal((ChargeStatus.Declined, "authentication_required"), (charge.Status, charge.DeclineCode));
    }

    [Fact]
    public void A_declined_card_keeps_its_decline_code()
    {
        var charge = new SavedCardOutcome(ChargeStatus.Declined, DeclineCode: "insufficient_funds").AsZeroCharge("usd");

        Assert.Equal((ChargeStatus.Declined, "insufficient_funds"), (charge.Status, charge.DeclineCode));
    }
}

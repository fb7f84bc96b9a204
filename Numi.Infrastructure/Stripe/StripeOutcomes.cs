using global::Stripe;
using Numi.Core.Payments;
using ChargeOutcome = Numi.Core.Payments.ChargeOutcome;
using Numi.Infrastructure.Payments;

namespace Numi.Infrastructure.Stripe;

/// <summary>Stripe.net's PaymentIntents and errors as Numi's charge outcomes, with the same declines the simulated
/// processor gives for Stripe's test cards: a decline code from <c>decline_code</c>, else from a card error's
/// <c>code</c>; a request error naming a field is an invalid card for that field.</summary>
internal static class StripeOutcomes
{
    public static ChargeOutcome Of(PaymentIntent intent)
    {
        var card = intent.PaymentMethod?.Card;
        var outcome = new ChargeOutcome(ChargeStatus.Succeeded, intent.Id, intent.PaymentMethodId ?? intent.PaymentMethod?.Id, card?.Brand, card?.Last4,
            Amount: intent.Amount, Currency: intent.Currency);
        return intent.Status switch
        {
            "succeeded" => outcome,
            "requires_action" or "processing" => outcome with { Status = ChargeStatus.RequiresAction, ClientSecret = intent.ClientSecret,
                Message = "Your bank asks you to confirm this payment." },
            _ => Declined(outcome, intent.LastPaymentError?.DeclineCode ?? intent.LastPaymentError?.Code ?? "generic_decline"),
        };
    }

    public static ChargeOutcome Of(StripeError? error)
    {
        if (error is null) return Declined(new ChargeOutcome(ChargeStatus.Declined), "generic_decline");
        var failed = error.PaymentIntent;
        if (failed?.Status == "requires_action") return Of(failed);
        var card = failed?.PaymentMethod?.Card;
        var outcome = new ChargeOutcome(ChargeStatus.Declined, failed?.Id, failed?.PaymentMethodId ?? failed?.PaymentMethod?.Id, card?.Brand, card?.Last4);
        var param = string.IsNullOrEmpty(error.Param) ? null : error.Param;
        return error switch
        {
            { Type: "card_error", DeclineCode: { Length: > 0 } declineCode } => Declined(outcome, declineCode),
            { Type: "card_error", Code: "card_declined" or "expired_card" or "incorrect_cvc" or "authentication_required" or "processing_error" } =>
                Declined(outcome, error.Code),
            { Type: "card_error" or "invalid_request_error" } when param is not null =>
                outcome with { Status = ChargeStatus.InvalidCard, Param = param, Message = error.Message },
            // Anything else Stripe refuses for this payment (a request error naming no field) is a decline, so the
            // shopper's next try gets a new attempt and key. Idempotency conflicts never get here (StripeCalls).
            _ => Declined(outcome, error.Code ?? "generic_decline") with { Message = error.Message ?? DeclineMessages.For(null) },
        };
    }

    /// <summary>A SetupIntent as a saved card: succeeded, waiting on the bank, or refused with its decline code.</summary>
    public static SavedCardOutcome Of(SetupIntent intent)
    {
        var card = intent.PaymentMethod?.Card;
        var method = intent.PaymentMethodId ?? intent.PaymentMethod?.Id;
        return intent.Status switch
        {
            "succeeded" => new SavedCardOutcome(ChargeStatus.Succeeded, method, card?.Brand, card?.Last4, SetupIntentId: intent.Id),
            "requires_action" or "processing" => new SavedCardOutcome(ChargeStatus.RequiresAction, method, card?.Brand, card?.Last4,
                Message: "Your bank asks you to confirm this card, which cannot be done here. Use another card."),
            _ => Saved(Of(intent.LastSetupError)),
        };
    }

    /// <summary>Stripe's refusal of a SetupIntent, read as a refused payment (the same codes and fields).</summary>
    public static SavedCardOutcome OfSetup(StripeError? error) =>
        error?.SetupIntent is { Status: "requires_action" } waiting ? Of(waiting) : Saved(Of(error));

    private static SavedCardOutcome Saved(ChargeOutcome refused) => new(refused.Status, refused.PaymentMethod, refused.CardBrand,
        refused.CardLast4, refused.DeclineCode, refused.Message, refused.Param);

    private static ChargeOutcome Declined(ChargeOutcome outcome, string declineCode) =>
        outcome with { Status = ChargeStatus.Declined, DeclineCode = declineCode, Message = DeclineMessages.For(declineCode) };
}

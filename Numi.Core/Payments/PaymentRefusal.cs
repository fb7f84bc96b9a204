using Numi.Core.Common;

namespace Numi.Core.Payments;

/// <summary>A processor's refusal (of a charge or of a card to keep) as the error a page or the API shows: an invalid
/// field names it, the bank asking to confirm is <c>authentication_required</c>, anything else a decline with its code.</summary>
public static class PaymentRefusal
{
    public static Error Of(ChargeStatus status, string? message, string? param, string? declineCode) => status switch
    {
        ChargeStatus.InvalidCard => Error.Invalid(param ?? "card", message ?? "The card details are not valid."),
        ChargeStatus.RequiresAction => new Error(ErrorCodes.AuthenticationRequired,
            message ?? "This card needs the bank's authentication, which this payment method cannot show.", "payment_method"),
        _ => new Error(ErrorCodes.CardDeclined, message ?? "The card was declined.", "payment_method", declineCode ?? "generic_decline"),
    };
}

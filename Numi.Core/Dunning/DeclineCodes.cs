namespace Numi.Core.Dunning;

/// <summary>Hard: retrying the same card cannot succeed, so the customer is asked for a new one. Soft: the bank may say
/// yes later.</summary>
public enum DeclineKind { Soft, Hard }

/// <summary>Why a soft decline failed, which decides how soon a retry makes sense: <see cref="Funds"/> waits for money
/// to arrive (a payday), <see cref="Technical"/> is a passing fault worth retrying within hours, <see cref="Issuer"/>
/// is the bank saying no without a reason, worth a day's wait.</summary>
public enum SoftReason { None, Funds, Technical, Issuer }

/// <summary>What a decline code means for dunning, with the words a schedule explains itself with.</summary>
public sealed record DeclineClass(string Code, DeclineKind Kind, SoftReason Reason, string Description)
{
    public bool IsHard => Kind == DeclineKind.Hard;

    /// <summary>"insufficient funds is a soft decline", "the card was reported stolen: a hard decline".</summary>
    public string Explanation => IsHard ? $"{Description}: a hard decline, the customer needs to give a new card" : $"{Description} is a soft decline";
}

/// <summary>Stripe's <c>decline_code</c>s sorted into hard and soft, following Stripe's own advice per code ("the
/// customer needs to use another card" versus "the payment can be attempted again"). A code Stripe adds later, or none
/// at all, is treated as an unexplained soft decline: a retry costs little, and the limits still stop it.</summary>
public static class DeclineCodes
{
    /// <summary>How many <c>do_not_honor</c> answers make it hard. The issuer gives no reason; once is often a fraud
    /// rule that clears, twice in a row rarely changes, and networks count repeated retries of one card against the
    /// merchant.</summary>
    public const int DoNotHonorHardAfter = 2;

    private static readonly Dictionary<string, (DeclineKind Kind, SoftReason Reason, string Description)> Known = new(StringComparer.Ordinal)
    {
        // Hard: the card itself is unusable or the details are wrong; the same card will never pass.
        ["stolen_card"] = (DeclineKind.Hard, SoftReason.None, "the card was reported stolen"),
        ["lost_card"] = (DeclineKind.Hard, SoftReason.None, "the card was reported lost"),
        ["pickup_card"] = (DeclineKind.Hard, SoftReason.None, "the bank asked to retain the card"),
        ["expired_card"] = (DeclineKind.Hard, SoftReason.None, "the card has expired"),
        ["incorrect_number"] = (DeclineKind.Hard, SoftReason.None, "the card number is incorrect"),
        ["invalid_number"] = (DeclineKind.Hard, SoftReason.None, "the card number is invalid"),
        ["incorrect_cvc"] = (DeclineKind.Hard, SoftReason.None, "the security code is incorrect"),
        ["invalid_cvc"] = (DeclineKind.Hard, SoftReason.None, "the security code is invalid"),
        ["invalid_expiry_month"] = (DeclineKind.Hard, SoftReason.None, "the expiry month is invalid"),
        ["invalid_expiry_year"] = (DeclineKind.Hard, SoftReason.None, "the expiry year is invalid"),
        ["invalid_account"] = (DeclineKind.Hard, SoftReason.None, "the card's account is invalid"),
        ["new_account_information_available"] = (DeclineKind.Hard, SoftReason.None, "the card has been replaced"),
        ["restricted_card"] = (DeclineKind.Hard, SoftReason.None, "the card is restricted"),
        ["security_violation"] = (DeclineKind.Hard, SoftReason.None, "the bank saw a security violation"),
        ["fraudulent"] = (DeclineKind.Hard, SoftReason.None, "the bank suspects fraud"),
        ["merchant_blacklist"] = (DeclineKind.Hard, SoftReason.None, "the card is blocked for this merchant"),
        ["card_not_supported"] = (DeclineKind.Hard, SoftReason.None, "the card does not support this kind of payment"),
        ["currency_not_supported"] = (DeclineKind.Hard, SoftReason.None, "the card does not support this currency"),
        ["revocation_of_authorization"] = (DeclineKind.Hard, SoftReason.None, "the customer revoked this authorization"),
        ["revocation_of_all_authorizations"] = (DeclineKind.Hard, SoftReason.None, "the customer revoked all authorizations"),
        ["stop_payment_order"] = (DeclineKind.Hard, SoftReason.None, "the customer stopped the payment"),
        ["transaction_not_allowed"] = (DeclineKind.Hard, SoftReason.None, "the card does not allow this payment"),
        ["service_not_allowed"] = (DeclineKind.Hard, SoftReason.None, "the card does not allow this service"),
        ["not_permitted"] = (DeclineKind.Hard, SoftReason.None, "the payment is not permitted"),
        ["do_not_try_again"] = (DeclineKind.Hard, SoftReason.None, "the bank asked not to try again"),
        ["pin_try_exceeded"] = (DeclineKind.Hard, SoftReason.None, "too many wrong PINs were entered"),
        ["authentication_required"] = (DeclineKind.Hard, SoftReason.None, "the bank requires the customer to authenticate"),
        ["duplicate_transaction"] = (DeclineKind.Hard, SoftReason.None, "an identical payment was just made"),
        ["invalid_amount"] = (DeclineKind.Hard, SoftReason.None, "the amount is not allowed on this card"),
        // Soft: money, a passing fault, or an unexplained no.
        ["insufficient_funds"] = (DeclineKind.Soft, SoftReason.Funds, "insufficient funds"),
        ["card_velocity_exceeded"] = (DeclineKind.Soft, SoftReason.Funds, "the card's spending limit was reached"),
        ["withdrawal_count_limit_exceeded"] = (DeclineKind.Soft, SoftReason.Funds, "the card's limit of payments was reached"),
        ["processing_error"] = (DeclineKind.Soft, SoftReason.Technical, "a processing error"),
        ["issuer_not_available"] = (DeclineKind.Soft, SoftReason.Technical, "the bank could not be reached"),
        ["try_again_later"] = (DeclineKind.Soft, SoftReason.Technical, "the bank asked to try again later"),
        ["reenter_transaction"] = (DeclineKind.Soft, SoftReason.Technical, "the bank asked to try again"),
        ["generic_decline"] = (DeclineKind.Soft, SoftReason.Issuer, "an unexplained decline"),
        ["do_not_honor"] = (DeclineKind.Soft, SoftReason.Issuer, "do not honor"),
        ["call_issuer"] = (DeclineKind.Soft, SoftReason.Issuer, "the bank asked the customer to call it"),
        ["no_action_taken"] = (DeclineKind.Soft, SoftReason.Issuer, "the bank took no action"),
        ["approve_with_id"] = (DeclineKind.Soft, SoftReason.Issuer, "the bank could not authorize the payment"),
    };

    /// <summary>The codes Numi knows, for tests and documentation.</summary>
    public static IEnumerable<string> All => Known.Keys;

    /// <summary>Classifies <paramref name="code"/> (Stripe's <c>decline_code</c>, any case) after
    /// <paramref name="declinesInARow"/> declines with that code, the one being classified included.</summary>
    public static DeclineClass Classify(string? code, int declinesInARow = 1)
    {
        var normalized = string.IsNullOrWhiteSpace(code) ? "generic_decline" : code.Trim().ToLowerInvariant();
        if (!Known.TryGetValue(normalized, out var known))
            return new DeclineClass(normalized, DeclineKind.Soft, SoftReason.Issuer, $"an unexplained decline ({normalized})");
        if (normalized == "do_not_honor" && declinesInARow >= DoNotHonorHardAfter)
            return new DeclineClass(normalized, DeclineKind.Hard, SoftReason.None, $"the bank answered do not honor {declinesInARow} times in a row");
        return new DeclineClass(normalized, known.Kind, known.Reason, known.Description);
    }
}

namespace Numi.Core.Payments;

/// <summary>The payment processor as use cases see it. Adapters: the simulated processor (test mode, the default)
/// and Stripe. Card numbers reach an adapter only inside <see cref="CardDetails"/> and are never stored or logged.</summary>
public interface IPaymentGateway
{
    /// <summary>Charges <see cref="ChargeRequest.Amount"/>. The same <see cref="ChargeRequest.IdempotencyKey"/> never
    /// charges twice: a repeat answers the first outcome.</summary>
    Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct);

    /// <summary>Where a payment that needed the shopper's authentication (3-D Secure) stands now: the server asks the
    /// processor itself rather than trusting what the browser says.</summary>
    Task<ChargeOutcome> RetrieveAsync(string paymentIntentId, CancellationToken ct);

    /// <summary>Gives back <paramref name="amount"/> of a successful payment. The same idempotency key refunds once.</summary>
    Task<RefundOutcome> RefundAsync(string paymentIntentId, long amount, string idempotencyKey, CancellationToken ct);

    /// <summary>Checks a card with its bank and keeps it for later off-session charges, charging nothing (Stripe's
    /// SetupIntent): how a customer replaces the card their subscription renews on. A card the bank refuses now is a
    /// decline; one it accepts may still be declined on a later charge (Stripe's test card 4000 0000 0000 0341).</summary>
    Task<SavedCardOutcome> SaveCardAsync(SaveCardRequest request, CancellationToken ct);
}

/// <summary>A card to keep for <see cref="CustomerEmail"/>: a payment method (<c>pm_…</c>: Stripe's card field, or a
/// test method) or card details (the simulated processor only), never both.</summary>
public sealed record SaveCardRequest(string CustomerEmail, string IdempotencyKey, string? PaymentMethod, CardDetails? Card);

/// <summary>How saving a card ended: <see cref="ChargeStatus.Succeeded"/> with the method to charge later and its
/// brand and last 4, and the processor's id of the setup (<c>seti_…</c>); otherwise a decline with its code, an invalid
/// field, or the bank asking the customer to confirm.</summary>
public sealed record SavedCardOutcome(
    ChargeStatus Status,
    string? PaymentMethod = null,
    string? CardBrand = null,
    string? CardLast4 = null,
    string? DeclineCode = null,
    string? Message = null,
    string? Param = null,
    string? SetupIntentId = null)
{
    public bool Succeeded => Status == ChargeStatus.Succeeded;

    /// <summary>"visa •••• 4242", or the method's id when the processor named no card.</summary>
    public string Card => CardBrand is not null && CardLast4 is not null ? $"{CardBrand} •••• {CardLast4}" : PaymentMethod ?? "a card";

    /// <summary>The card kept for a trial, as the order records it: a payment of zero whose id is the setup's. A bank that
    /// wants the card confirmed is a refusal: no charge follows to confirm it on.</summary>
    public ChargeOutcome AsZeroCharge(string currency)
    {
        var status = Status == ChargeStatus.RequiresAction ? ChargeStatus.Declined : Status;
        return new ChargeOutcome(status, SetupIntentId, PaymentMethod, CardBrand, CardLast4,
            status == Status ? DeclineCode : "authentication_required", Message, Param, Amount: 0, Currency: currency);
    }
}

/// <summary>A refund the processor made (its id), or why it would not. <see cref="ProcessorNotConnected"/>: the payment was
/// made through a processor the organization has disconnected since, so nobody could give the money back (and no other
/// processor may pretend to).</summary>
public sealed record RefundOutcome(bool Succeeded, string? RefundId = null, string? Message = null, bool ProcessorNotConnected = false);

/// <summary>What the shopper typed. Only ever held in memory for one request.</summary>
public sealed record CardDetails(string Number, int ExpMonth, int ExpYear, string Cvc)
{
    public override string ToString() => "CardDetails { redacted }";
}

/// <summary>One charge: a saved or test payment method (<c>pm_…</c>) or card details, never both.
/// <see cref="CheckoutSession"/> is the public id (<c>cs_…</c>) of the checkout it pays, so the processor's record of the
/// payment (and its webhook events) lead back to it.</summary>
public sealed record ChargeRequest(long Amount, string Currency, string IdempotencyKey, string? PaymentMethod, CardDetails? Card,
    string? CustomerEmail, bool OffSession = false, string? Description = null, string? CheckoutSession = null);

public enum ChargeStatus { Succeeded, Declined, RequiresAction, InvalidCard }

/// <summary>How a charge ended. Declines carry Stripe's <c>decline_code</c>; an invalid card names its field. A payment
/// that requires action carries the <see cref="ClientSecret"/> the shopper's browser needs to complete it with the bank
/// (never stored).</summary>
public sealed record ChargeOutcome(
    ChargeStatus Status,
    string? PaymentIntentId = null,
    string? PaymentMethod = null,
    string? CardBrand = null,
    string? CardLast4 = null,
    string? DeclineCode = null,
    string? Message = null,
    string? Param = null,
    long? Amount = null,
    string? Currency = null,
    string? ClientSecret = null)
{
    public bool Succeeded => Status == ChargeStatus.Succeeded;

    /// <summary>Where the payment stands, as a sentence a merchant can read: the status enum's name means nothing to them.</summary>
    public string Describe() => Status switch
    {
        ChargeStatus.Succeeded => "It is paid.",
        ChargeStatus.Declined => $"It was declined ({DeclineCode ?? "generic_decline"}).",
        ChargeStatus.RequiresAction => "It is waiting for the bank to confirm it.",
        _ => Message ?? "The processor does not know this payment.",
    };
}

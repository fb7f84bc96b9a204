using System.Collections.Concurrent;
using Numi.Core.Clocks;
using Numi.Core.Payments;

namespace Numi.Infrastructure.Payments;

/// <summary>The embedded test-mode processor: Stripe's test cards and <c>pm_card_*</c> methods with their documented
/// outcomes and decline codes, so checkout works on a fresh machine with no keys. Deterministic; a repeated
/// idempotency key answers the first outcome without charging again. Holds no card data: a card becomes the name of
/// its test payment method.</summary>
public sealed class SimulatedGateway(ControllableClock clock) : IPaymentGateway
{
    private sealed record TestMethod(string Brand, string Last4, ChargeStatus Status, string? DeclineCode = null);

    private static readonly Dictionary<string, TestMethod> Methods = new(StringComparer.Ordinal)
    {
        ["pm_card_visa"] = new("visa", "4242", ChargeStatus.Succeeded),
        ["pm_card_mastercard"] = new("mastercard", "4444", ChargeStatus.Succeeded),
        ["pm_card_chargeDeclined"] = new("visa", "0002", ChargeStatus.Declined, "generic_decline"),
        ["pm_card_chargeDeclinedInsufficientFunds"] = new("visa", "9995", ChargeStatus.Declined, "insufficient_funds"),
        ["pm_card_chargeDeclinedExpiredCard"] = new("visa", "0069", ChargeStatus.Declined, "expired_card"),
        ["pm_card_chargeDeclinedIncorrectCvc"] = new("visa", "0127", ChargeStatus.Declined, "incorrect_cvc"),
        ["pm_card_authenticationRequired"] = new("visa", "3155", ChargeStatus.RequiresAction),
        ["pm_card_chargeCustomerFail"] = new("visa", "0341", ChargeStatus.Declined, "generic_decline"),
    };

    private static readonly Dictionary<string, string> Cards = new(StringComparer.Ordinal)
    {
        ["4242424242424242"] = "pm_card_visa",
        ["5555555555554444"] = "pm_card_mastercard",
        ["4000000000000002"] = "pm_card_chargeDeclined",
        ["4000000000009995"] = "pm_card_chargeDeclinedInsufficientFunds",
        ["4000000000000069"] = "pm_card_chargeDeclinedExpiredCard",
        ["4000000000000127"] = "pm_card_chargeDeclinedIncorrectCvc",
        ["4000002500003155"] = "pm_card_authenticationRequired",
        ["4000000000000341"] = "pm_card_chargeCustomerFail",
    };

    /// <summary>How the simulator's payment intent ids begin, so they are never mistaken for Stripe's.</summary>
    public const string IntentPrefix = "pi_sim_";

    private readonly ConcurrentDictionary<string, Lazy<ChargeOutcome>> _charges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ChargeOutcome> _intents = new(StringComparer.Ordinal);

    public Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct) =>
        Task.FromResult(_charges.GetOrAdd(request.IdempotencyKey, _ => new Lazy<ChargeOutcome>(() => Remember(Charge(request)))).Value);

    public Task<ChargeOutcome> RetrieveAsync(string paymentIntentId, CancellationToken ct) =>
        Task.FromResult(_intents.TryGetValue(paymentIntentId, out var intent)
            ? intent
            : new ChargeOutcome(ChargeStatus.InvalidCard, Param: "payment_intent", Message: "No such payment intent in the simulated processor."));

    /// <summary>The simulated bank's 3-D Secure page answered: the waiting payment succeeds, or fails as Stripe's
    /// <c>payment_intent_authentication_failure</c>. Only a payment that is waiting can change.</summary>
    public bool Authenticate(string paymentIntentId, bool approved)
    {
        if (!_intents.TryGetValue(paymentIntentId, out var intent) || intent.Status != ChargeStatus.RequiresAction) return false;
        var answered = approved
            ? intent with { Status = ChargeStatus.Succeeded, Message = null }
            : intent with { Status = ChargeStatus.Declined, DeclineCode = "payment_intent_authentication_failure",
                Message = "Your bank could not confirm this payment. Try again, or use another card." };
        return _intents.TryUpdate(paymentIntentId, answered, intent);
    }

    private readonly ConcurrentDictionary<string, Lazy<RefundOutcome>> _refunds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _refunded = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Intent, long Amount)> _refundRequests = new(StringComparer.Ordinal);

    /// <summary>Refunds part or all of a succeeded payment, never more than was paid; a repeated key answers the first refund.</summary>
    public Task<RefundOutcome> RefundAsync(string paymentIntentId, long amount, string idempotencyKey, CancellationToken ct)
    {
        // Like Stripe, a key reused for a different request is refused instead of answering the first one.
        var fingerprint = _refundRequests.GetOrAdd(idempotencyKey, (paymentIntentId, amount));
        if (fingerprint != (paymentIntentId, amount))
            return Task.FromResult(new RefundOutcome(false, Message: "Another refund of this order was made at the same moment; reload it and check the balance."));
        return Task.FromResult(_refunds.GetOrAdd(idempotencyKey, _ => new Lazy<RefundOutcome>(() =>
        {
            // A payment made before this process started (the simulator keeps no disk) is trusted as paid.
            if (_intents.TryGetValue(paymentIntentId, out var intent) && intent.Status != ChargeStatus.Succeeded)
                return new RefundOutcome(false, Message: "Only a successful payment can be refunded.");
            _refunded.AddOrUpdate(paymentIntentId, amount, (_, before) => before + amount);
            return new RefundOutcome(true, "re_sim_" + Guid.NewGuid().ToString("N")[..24]);
        })).Value);
    }

    /// <summary>As Stripe's SetupIntent with its test cards: the bank refuses now the cards that decline on every
    /// charge, while 4000 0000 0000 0341 is kept and fails only when it is charged; 3-D Secure cards ask to confirm.</summary>
    public Task<SavedCardOutcome> SaveCardAsync(SaveCardRequest request, CancellationToken ct)
    {
        var method = MethodOf(request.Card, request.PaymentMethod, out var refused);
        if (refused is not null)
            return Task.FromResult(new SavedCardOutcome(refused.Status, refused.PaymentMethod, refused.CardBrand, refused.CardLast4, refused.DeclineCode, refused.Message, refused.Param));
        var test = Methods[method];
        if (test.Status == ChargeStatus.Succeeded || method == ChargesFail)
            return Task.FromResult(new SavedCardOutcome(ChargeStatus.Succeeded, method, test.Brand, test.Last4,
                SetupIntentId: "seti_sim_" + Guid.NewGuid().ToString("N")[..24]));
        return Task.FromResult(test.Status == ChargeStatus.RequiresAction
            ? new SavedCardOutcome(ChargeStatus.RequiresAction, method, test.Brand, test.Last4,
                Message: "Your bank asks you to confirm this card, which cannot be done here. Use another card.")
            : new SavedCardOutcome(ChargeStatus.Declined, method, test.Brand, test.Last4, test.DeclineCode, DeclineMessages.For(test.DeclineCode)));
    }

    /// <summary>Stripe's card that attaches to a customer and then fails every charge (4000 0000 0000 0341).</summary>
    private const string ChargesFail = "pm_card_chargeCustomerFail";

    private ChargeOutcome Remember(ChargeOutcome outcome)
    {
        if (outcome.PaymentIntentId is { } intent) _intents[intent] = outcome;
        return outcome;
    }

    private ChargeOutcome Charge(ChargeRequest request)
    {
        var method = MethodOf(request.Card, request.PaymentMethod, out var refused);
        if (refused is not null) return refused;
        var intent = IntentPrefix + Guid.NewGuid().ToString("N")[..24];
        return Charged(Methods[method], method, intent) with { Amount = request.Amount, Currency = request.Currency };
    }

    /// <summary>The test method a card or method names, or why there is none (<paramref name="refused"/>).</summary>
    private string MethodOf(CardDetails? card, string? paymentMethod, out ChargeOutcome? refused)
    {
        refused = null;
        string? method;
        if (card is not null)
        {
            if (CardCheck.Problem(card, clock.GetUtcNow()) is { } problem) { refused = problem; return ""; }
            var digits = CardCheck.Digits(card.Number);
            if (!Cards.TryGetValue(digits, out method))
            {
                refused = new ChargeOutcome(ChargeStatus.Declined, DeclineCode: "generic_decline", CardLast4: digits[^4..],
                    Message: "Your card was declined. In test mode, use a test card such as 4242 4242 4242 4242.");
                return "";
            }
        }
        else method = paymentMethod ?? "";
        if (!Methods.ContainsKey(method))
            refused = new ChargeOutcome(ChargeStatus.InvalidCard, Param: "payment_method", Message: $"No such payment method: '{method}'.");
        return method;
    }

    private static ChargeOutcome Charged(TestMethod test, string method, string intent)
    {
        return test.Status switch
        {
            ChargeStatus.Succeeded => new ChargeOutcome(ChargeStatus.Succeeded, intent, method, test.Brand, test.Last4),
            ChargeStatus.RequiresAction => new ChargeOutcome(ChargeStatus.RequiresAction, intent, method, test.Brand, test.Last4,
                Message: "Your bank asks you to confirm this payment."),
            _ => new ChargeOutcome(ChargeStatus.Declined, intent, method, test.Brand, test.Last4, test.DeclineCode, DeclineMessages.For(test.DeclineCode)),
        };
    }
}

/// <summary>The plain-language sentence a shopper reads for each of Stripe's decline codes.</summary>
public static class DeclineMessages
{
    public static string For(string? declineCode) => declineCode switch
    {
        "insufficient_funds" => "Your card has insufficient funds. Try another card.",
        "expired_card" => "Your card has expired. Try another card.",
        "incorrect_cvc" => "Your card's security code is incorrect.",
        "payment_intent_authentication_failure" => "Your bank could not confirm this payment. Try again, or use another card.",
        _ => "Your card was declined. Try another card or contact your bank.",
    };
}

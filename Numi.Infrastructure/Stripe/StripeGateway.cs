using System.Security.Cryptography;
using System.Text;
using Numi.Core.Common;
using Numi.Core.Customers;
using Numi.Core.Payments;
using Numi.Infrastructure.Payments;

namespace Numi.Infrastructure.Stripe;

/// <summary>Payments through one organization's own Stripe account. Every PaymentIntent carries the checkout session
/// and organization in its metadata; a checkout's card is saved to the Stripe customer for off-session charges
/// (the one-click upsell). Stripe's errors become outcomes; an unreachable Stripe is an exception (the checkout stays
/// held with its idempotency key, so a retry cannot charge twice).</summary>
public sealed class StripeGateway(StripeApi stripe, Guid organizationId, IStripeCustomerLinks customers) : IPaymentGateway
{
    private readonly string _organization = PublicId.Format(IdPrefixes.Organization, organizationId);

    public async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct)
    {
        // Card numbers never go from Numi to Stripe: in Stripe mode the shopper types them into Stripe's own field.
        if (request.Card is not null || string.IsNullOrWhiteSpace(request.PaymentMethod))
            return new ChargeOutcome(ChargeStatus.InvalidCard, Param: "payment_method", Message: "Enter your card in the secure card field.");

        var customer = request.CustomerEmail is null ? null : await CustomerAsync(Customer.KeyOf(request.CustomerEmail), ct);
        var form = new StripeForm()
            .Add("amount", request.Amount)
            .Add("currency", request.Currency)
            .Add("customer", customer)
            .Add("payment_method", request.PaymentMethod)
            .List("payment_method_types", "card")
            .Add("confirm", true)
            .Add("description", request.Description)
            .Metadata(StripePaymentIntent.CheckoutSessionKey, request.CheckoutSession)
            .Metadata(StripePaymentIntent.OrganizationKey, _organization);
        _ = request.OffSession ? form.Add("off_session", true) : form.Add("setup_future_usage", "off_session");

        var (intent, error) = await stripe.CreatePaymentIntentAsync(form, request.IdempotencyKey, ct);
        return intent is not null ? Outcome(intent) : Outcome(error!);
    }

    /// <summary>One shopper (an email in this organization, as Numi's customers are matched) is one Stripe customer. The
    /// creation's idempotency key comes from the organization and the email, so two first checkouts of the same shopper
    /// at the same moment get the same Stripe customer back (Stripe keeps a key's answer for 24 hours; after that the
    /// lookup by email finds it); the customer then keeps that id and later payments use it without asking Stripe.</summary>
    private async Task<string> CustomerAsync(string emailKey, CancellationToken ct)
    {
        if (await customers.LinkedAsync(emailKey, ct) is { } linked) return linked;
        var key = $"numi-customer-{_organization}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(emailKey)))}";
        return await customers.LinkAsync(emailKey, await stripe.CustomerAsync(emailKey, _organization, key, ct), ct);
    }

    public async Task<ChargeOutcome> RetrieveAsync(string paymentIntentId, CancellationToken ct)
    {
        var (intent, error) = await stripe.RetrievePaymentIntentAsync(paymentIntentId, ct);
        // An intent of another organization (two organizations sharing one Stripe account) is not this one's to fulfil.
        if (intent is null || intent.Metadata.GetValueOrDefault(StripePaymentIntent.OrganizationKey) != _organization)
            return new ChargeOutcome(ChargeStatus.InvalidCard, Param: "payment_intent", Message: error?.Message ?? $"No such payment intent: '{paymentIntentId}'.");
        return Outcome(intent);
    }

    public async Task<RefundOutcome> RefundAsync(string paymentIntentId, long amount, string idempotencyKey, CancellationToken ct)
    {
        var (id, status, error) = await stripe.CreateRefundAsync(paymentIntentId, amount, _organization, idempotencyKey, ct);
        if (error is not null) return new RefundOutcome(false, Message: error.Message ?? "Stripe refused the refund.");
        return status is "failed" or "canceled"
            ? new RefundOutcome(false, id, "Stripe could not make the refund.")
            : new RefundOutcome(true, id);
    }

    private static ChargeOutcome Outcome(StripePaymentIntent intent)
    {
        var outcome = new ChargeOutcome(ChargeStatus.Succeeded, intent.Id, intent.PaymentMethod, intent.CardBrand, intent.CardLast4,
            Amount: intent.Amount, Currency: intent.Currency);
        return intent.Status switch
        {
            "succeeded" => outcome,
            "requires_action" or "processing" => outcome with { Status = ChargeStatus.RequiresAction, ClientSecret = intent.ClientSecret,
                Message = "Your bank asks you to confirm this payment." },
            _ => Declined(outcome, intent.LastPaymentError?.DeclineCode ?? intent.LastPaymentError?.Code ?? "generic_decline"),
        };
    }

    private static ChargeOutcome Outcome(StripeError error)
    {
        var failed = error.PaymentIntent is { } json ? StripePaymentIntent.Read(json) : null;
        if (failed?.Status == "requires_action") return Outcome(failed);
        var outcome = new ChargeOutcome(ChargeStatus.Declined, failed?.Id, failed?.PaymentMethod, failed?.CardBrand, failed?.CardLast4);
        return error switch
        {
            { Type: "card_error", DeclineCode: { } declineCode } => Declined(outcome, declineCode),
            { Type: "card_error", Code: "card_declined" or "expired_card" or "incorrect_cvc" or "authentication_required" or "processing_error" } =>
                Declined(outcome, error.Code!),
            { Type: "card_error" or "invalid_request_error", Param: { } param } =>
                outcome with { Status = ChargeStatus.InvalidCard, Param = param, Message = error.Message },
            // Anything else Stripe refuses for this payment (an idempotency_error, a request error naming no field) is a
            // decline, so the shopper's next try gets a new attempt and key.
            _ => Declined(outcome, error.Code ?? "generic_decline") with { Message = error.Message ?? DeclineMessages.For(null) },
        };
    }

    private static ChargeOutcome Declined(ChargeOutcome outcome, string declineCode) =>
        outcome with { Status = ChargeStatus.Declined, DeclineCode = declineCode, Message = DeclineMessages.For(declineCode) };
}

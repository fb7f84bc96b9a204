using System.Security.Cryptography;
using System.Text;
using global::Stripe;
using Numi.Core.Common;
using Numi.Core.Payments;
using ChargeOutcome = Numi.Core.Payments.ChargeOutcome;
using NumiCustomer = Numi.Core.Customers.Customer;

namespace Numi.Infrastructure.Stripe;

/// <summary>Payments through one organization's own Stripe account, with Stripe.net. Every write carries the idempotency
/// key its caller derives (one per payment attempt, per customer, per refund), and Stripe.net's network retries resend
/// it, so Stripe does each thing once. Every PaymentIntent carries the checkout session and organization in its
/// metadata; a checkout's card is saved to the Stripe customer for off-session charges (the one-click upsell). Stripe's
/// errors become outcomes (<see cref="StripeOutcomes"/>); an unreachable Stripe is a <see cref="StripeUnavailableException"/>
/// (the checkout stays held with its key, so a retry cannot charge twice).</summary>
public sealed class StripeGateway(StripeClient stripe, Guid organizationId, IStripeCustomerLinks customers) : IPaymentGateway
{
    private readonly string _organization = PublicId.Format(IdPrefixes.Organization, organizationId);

    public async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken ct)
    {
        // Card numbers never go from Numi to Stripe: in Stripe mode the shopper types them into Stripe's own field.
        if (request.Card is not null || string.IsNullOrWhiteSpace(request.PaymentMethod))
            return new ChargeOutcome(ChargeStatus.InvalidCard, Param: "payment_method", Message: "Enter your card in the secure card field.");

        var customer = request.CustomerEmail is null ? null : await CustomerAsync(NumiCustomer.KeyOf(request.CustomerEmail), ct);
        var options = new PaymentIntentCreateOptions
        {
            Amount = request.Amount,
            Currency = request.Currency,
            Customer = customer,
            PaymentMethod = request.PaymentMethod,
            AllowedPaymentMethodTypes = ["card"],
            Confirm = true,
            Description = request.Description,
            Metadata = Metadata(request.CheckoutSession),
            Expand = ["payment_method"],
        };
        if (request.OffSession) options.OffSession = true;
        else options.SetupFutureUsage = "off_session";
        try
        {
            var intent = await StripeCalls.RunAsync("POST /v1/payment_intents",
                () => stripe.V1.PaymentIntents.CreateAsync(options, Key(request.IdempotencyKey), ct), ct);
            return StripeOutcomes.Of(intent);
        }
        catch (StripeException e)
        {
            return StripeOutcomes.Of(e.StripeError);
        }
    }

    /// <summary>One shopper (an email in this organization, as Numi's customers are matched) is one Stripe customer. The
    /// creation's idempotency key comes from the organization and the email, so two first checkouts of the same shopper
    /// at the same moment get the same Stripe customer back (Stripe keeps a key's answer for 24 hours; after that the
    /// lookup by email finds it); the customer then keeps that id and later payments use it without asking Stripe.
    /// Stripe's email filter is case-sensitive, so the email always goes in lower case (the key is already).</summary>
    private async Task<string> CustomerAsync(string emailKey, CancellationToken ct)
    {
        if (await customers.LinkedAsync(emailKey, ct) is { } linked) return linked;
        var key = $"numi-customer-{_organization}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(emailKey)))}";
        try
        {
            // Several organizations may share one Stripe account: only a customer this organization made is its own.
            var found = await StripeCalls.RunAsync("GET /v1/customers",
                () => stripe.V1.Customers.ListAsync(new CustomerListOptions { Email = emailKey, Limit = 100 }, null, ct), ct);
            var id = found.Data.FirstOrDefault(c => c.Metadata?.GetValueOrDefault(StripeMetadata.Organization) == _organization)?.Id ?? (await StripeCalls.RunAsync("POST /v1/customers",
                () => stripe.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = emailKey, Metadata = Metadata(null) }, Key(key), ct), ct)).Id;
            return await customers.LinkAsync(emailKey, id, ct);
        }
        catch (StripeException e)
        {
            // Without a customer the card cannot be saved for the upsell: not the shopper's card problem.
            throw new StripeUnavailableException($"Stripe refused the customer: {e.StripeError?.Message ?? e.Message}", e);
        }
    }

    public async Task<ChargeOutcome> RetrieveAsync(string paymentIntentId, CancellationToken ct)
    {
        PaymentIntent? intent = null;
        string? problem = null;
        try
        {
            intent = await StripeCalls.RunAsync("GET /v1/payment_intents/{id}",
                () => stripe.V1.PaymentIntents.GetAsync(paymentIntentId, new PaymentIntentGetOptions { Expand = ["payment_method"] }, null, ct), ct);
        }
        catch (StripeException e)
        {
            problem = e.StripeError?.Message;
        }
        // An intent of another organization (two organizations sharing one Stripe account) is not this one's to fulfil.
        if (intent is null || intent.Metadata?.GetValueOrDefault(StripeMetadata.Organization) != _organization)
            return new ChargeOutcome(ChargeStatus.InvalidCard, Param: "payment_intent", Message: problem ?? $"No such payment intent: '{paymentIntentId}'.");
        return StripeOutcomes.Of(intent);
    }

    public async Task<RefundOutcome> RefundAsync(string paymentIntentId, long amount, string idempotencyKey, CancellationToken ct)
    {
        var options = new RefundCreateOptions { PaymentIntent = paymentIntentId, Amount = amount, Metadata = Metadata(null) };
        try
        {
            var refund = await StripeCalls.RunAsync("POST /v1/refunds", () => stripe.V1.Refunds.CreateAsync(options, Key(idempotencyKey), ct), ct);
            return refund.Status is "failed" or "canceled"
                ? new RefundOutcome(false, refund.Id, "Stripe could not make the refund.")
                : new RefundOutcome(true, refund.Id);
        }
        catch (StripeException e)
        {
            return new RefundOutcome(false, Message: e.StripeError?.Message ?? "Stripe refused the refund.");
        }
    }

    /// <summary>A SetupIntent for the customer, confirmed at once with the card from Stripe's field, for off-session use.</summary>
    public async Task<SavedCardOutcome> SaveCardAsync(SaveCardRequest request, CancellationToken ct)
    {
        if (request.Card is not null || string.IsNullOrWhiteSpace(request.PaymentMethod))
            return new SavedCardOutcome(ChargeStatus.InvalidCard, Param: "payment_method", Message: "Enter your card in the secure card field.");
        var options = new SetupIntentCreateOptions
        {
            Customer = await CustomerAsync(NumiCustomer.KeyOf(request.CustomerEmail), ct),
            PaymentMethod = request.PaymentMethod,
            AllowedPaymentMethodTypes = ["card"],
            Usage = "off_session",
            Confirm = true,
            Metadata = Metadata(null),
            Expand = ["payment_method"],
        };
        try
        {
            var intent = await StripeCalls.RunAsync("POST /v1/setup_intents",
                () => stripe.V1.SetupIntents.CreateAsync(options, Key(request.IdempotencyKey), ct), ct);
            return StripeOutcomes.Of(intent);
        }
        catch (StripeException e)
        {
            return StripeOutcomes.OfSetup(e.StripeError);
        }
    }

    private Dictionary<string, string> Metadata(string? checkoutSession)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [StripeMetadata.Organization] = _organization };
        if (checkoutSession is not null) metadata[StripeMetadata.CheckoutSession] = checkoutSession;
        return metadata;
    }

    private static RequestOptions Key(string idempotencyKey) => new() { IdempotencyKey = idempotencyKey };
}

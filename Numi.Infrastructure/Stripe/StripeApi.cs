using System.Text.Json;

namespace Numi.Infrastructure.Stripe;

/// <summary>The Stripe endpoints Numi uses, typed: customers, PaymentIntents, refunds and the balance (to check a key).
/// Each POST takes the idempotency key its caller derives from the checkout attempt or refund.</summary>
public sealed class StripeApi(StripeClient client)
{
    /// <summary>The first customer with this email, or a new one (Stripe's email filter is case-sensitive, so Numi
    /// always sends it in lower case).</summary>
    public async Task<string> CustomerAsync(string email, string organization, string idempotencyKey, CancellationToken ct)
    {
        var key = email.Trim().ToLowerInvariant();
        var found = Ensure(await client.GetAsync("/v1/customers", new StripeForm().Add("email", key).Add("limit", 1), ct));
        if (found.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() > 0 && data[0].Text("id") is { } id)
            return id;
        var created = Ensure(await client.PostAsync("/v1/customers",
            new StripeForm().Add("email", key).Metadata(StripePaymentIntent.OrganizationKey, organization), idempotencyKey, ct));
        return created.Text("id") ?? throw new StripeUnavailableException("Stripe created a customer without an id.");
    }

    /// <summary>Creates and confirms a PaymentIntent in one call. The answer is the intent, or Stripe's error (a decline
    /// carries the failed intent).</summary>
    public async Task<(StripePaymentIntent? Intent, StripeError? Error)> CreatePaymentIntentAsync(StripeForm form, string idempotencyKey, CancellationToken ct) =>
        Intent(await client.PostAsync("/v1/payment_intents", form.List("expand", "payment_method"), idempotencyKey, ct));

    public async Task<(StripePaymentIntent? Intent, StripeError? Error)> RetrievePaymentIntentAsync(string id, CancellationToken ct) =>
        Intent(await client.GetAsync("/v1/payment_intents/" + Uri.EscapeDataString(id), new StripeForm().List("expand", "payment_method"), ct));

    public async Task<(string? Id, string? Status, StripeError? Error)> CreateRefundAsync(string paymentIntentId, long amount, string organization,
        string idempotencyKey, CancellationToken ct)
    {
        var response = await client.PostAsync("/v1/refunds", new StripeForm().Add("payment_intent", paymentIntentId).Add("amount", amount)
            .Metadata(StripePaymentIntent.OrganizationKey, organization), idempotencyKey, ct);
        Unavailable(response);
        return response.Error is { } error ? (null, null, error) : (response.Body.Text("id"), response.Body.Text("status"), null);
    }

    /// <summary>Stripe's answer to reading the account's balance: 200 when it accepts the key.</summary>
    public Task<StripeResponse> CheckKeyAsync(CancellationToken ct) => client.GetAsync("/v1/balance", null, ct);

    private static (StripePaymentIntent?, StripeError?) Intent(StripeResponse response)
    {
        Unavailable(response);
        return response.Error is { } error ? (null, error) : (StripePaymentIntent.Read(response.Body), null);
    }

    private static JsonElement Ensure(StripeResponse response)
    {
        Unavailable(response);
        return response.Error is { } error ? throw new StripeUnavailableException($"Stripe refused the request: {error.Message}") : response.Body;
    }

    /// <summary>Answers that are nobody's card problem: Stripe down or rate limiting after the retries, or the
    /// merchant's key refused.</summary>
    private static void Unavailable(StripeResponse response)
    {
        if (response.Status >= 500 || response.Status is 429 or 401 or 403)
            throw new StripeUnavailableException($"Stripe answered {response.Status}: {response.Error?.Message}");
    }
}

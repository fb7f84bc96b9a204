using System.Text.Json;

namespace Numi.Infrastructure.Stripe;

/// <summary>The parts of a Stripe PaymentIntent Numi reads. The card comes from the expanded <c>payment_method</c>.</summary>
public sealed record StripePaymentIntent(string Id, string Status, long Amount, string Currency, string? ClientSecret,
    string? PaymentMethod, string? CardBrand, string? CardLast4, IReadOnlyDictionary<string, string> Metadata, StripeError? LastPaymentError)
{
    public const string CheckoutSessionKey = "numi_checkout_session";
    public const string OrganizationKey = "numi_organization";

    public static StripePaymentIntent Read(JsonElement intent)
    {
        string? method = null, brand = null, last4 = null;
        if (intent.TryGetProperty("payment_method", out var pm))
        {
            if (pm.ValueKind == JsonValueKind.String) method = pm.GetString();
            else if (pm.ValueKind == JsonValueKind.Object)
            {
                method = pm.Text("id");
                var card = pm.Object("card");
                (brand, last4) = (card?.Text("brand"), card?.Text("last4"));
            }
        }
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (intent.Object("metadata") is { } data)
            foreach (var field in data.EnumerateObject().Where(f => f.Value.ValueKind == JsonValueKind.String))
                metadata[field.Name] = field.Value.GetString()!;
        var lastError = intent.Object("last_payment_error") is { } error
            ? new StripeError(error.Text("type") ?? "card_error", error.Text("code"), error.Text("decline_code"), error.Text("message"), error.Text("param"), null)
            : null;
        return new StripePaymentIntent(intent.Text("id") ?? "", intent.Text("status") ?? "", intent.Number("amount") ?? 0, intent.Text("currency") ?? "",
            intent.Text("client_secret"), method, brand, last4, metadata, lastError);
    }
}

using System.Text.Json;

namespace Numi.Infrastructure.Stripe;

/// <summary>Stripe's <c>error</c> object: its type (<c>card_error</c>, <c>invalid_request_error</c>, <c>api_error</c>…),
/// code, decline code, message, the parameter at fault, and the PaymentIntent the error happened on (if any).</summary>
public sealed record StripeError(string Type, string? Code, string? DeclineCode, string? Message, string? Param, JsonElement? PaymentIntent)
{
    public static StripeError Read(JsonElement body, int status)
    {
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            return new StripeError(error.Text("type") ?? "api_error", error.Text("code"), error.Text("decline_code"), error.Text("message"),
                error.Text("param") is { Length: > 0 } param ? param : null,
                error.TryGetProperty("payment_intent", out var intent) && intent.ValueKind == JsonValueKind.Object ? intent : null);
        return new StripeError("api_error", null, null, $"Stripe answered {status} without an error object.", null, null);
    }
}

/// <summary>Stripe could not be asked (network, 5xx, rate limit, after the retries) or refused Numi's key. Not the
/// shopper's doing: the checkout stays held with its idempotency key, so trying again cannot charge twice.</summary>
public sealed class StripeUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

internal static class JsonText
{
    public static string? Text(this JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    public static long? Number(this JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt64() : null;

    public static JsonElement? Object(this JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object
            ? value : null;
}

using System.Text.Json;
using global::Stripe;

namespace Numi.Infrastructure.Stripe.Webhooks;

/// <summary>Reads a Stripe event body into Stripe.net's typed <see cref="Event"/> (its <c>data.object</c> a
/// <see cref="PaymentIntent"/>, <see cref="Charge"/>, <see cref="Dispute"/>…).
/// <para>Events of another API version than the one Stripe.net pins are read too (<c>throwOnApiVersionMismatch: false</c>):
/// a merchant's webhook endpoint keeps the version it was made with, and refusing its events would lose payments. This
/// is safe for what Numi reads: only ids, metadata, amounts, codes and refund lists, which every recent version has in
/// the same shape; a payment's status and amount are always asked of Stripe (at the pinned version), never taken from
/// the event.</para></summary>
public static class StripeEvents
{
    /// <summary>The top-level <c>id</c> and <c>type</c> of an event body, read with <see cref="Utf8JsonReader"/> (which
    /// also checks, to its last byte, that the body is well-formed JSON); null when it is not a JSON object carrying both
    /// as strings. This is all the webhook endpoint needs to store an event under its id: a few microseconds, where
    /// <see cref="TryRead"/> builds Stripe.net's whole typed event (about a millisecond for a charge), which only the
    /// processing of the stored event needs.</summary>
    public static (string Id, string Type)? TryReadEnvelope(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 256 });
        string? id = null, type = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1) continue;
                var isId = reader.ValueTextEquals("id"u8);
                var isType = !isId && reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isId && reader.TokenType == JsonTokenType.String) id = reader.GetString();
                else if (isType && reader.TokenType == JsonTokenType.String) type = reader.GetString();
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return id is { Length: > 0 } && type is { Length: > 0 } ? (id, type) : null;
    }

    public static Event? TryRead(string payload)
    {
        try
        {
            var stripeEvent = EventUtility.ParseEvent(payload, throwOnApiVersionMismatch: false);
            return stripeEvent is { Id.Length: > 0, Type.Length: > 0 } ? stripeEvent : null;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or StripeException)
        {
            return null;
        }
    }
}

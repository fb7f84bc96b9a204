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

using Stripe;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>The <c>Stripe-Signature</c> header Stripe would send for a body at a moment, made by Stripe.net's own
/// <see cref="EventUtility.GenerateSignatureHeader"/> (the same HMAC its verification checks).</summary>
public static class StripeSignatureHeader
{
    public static string For(string payload, string secret, DateTimeOffset timestamp) =>
        EventUtility.GenerateSignatureHeader(payload, secret, timestamp.ToUnixTimeSeconds());
}

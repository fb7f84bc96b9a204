using global::Stripe;

namespace Numi.Infrastructure.Stripe.Webhooks;

/// <summary>Checks a webhook's <c>Stripe-Signature</c> with Stripe.net (<see cref="EventUtility.ValidateSignature(string, string, string, long, long)"/>):
/// one of its <c>v1</c> signatures must be the HMAC of the raw body under one of the organization's signing secrets
/// (tried in turn, as several are valid while Stripe rotates them), and its timestamp within 300 s of now.</summary>
public static class StripeWebhookSignature
{
    public const long ToleranceSeconds = EventUtility.DefaultTimeTolerance;

    public static bool IsValid(string payload, string? header, IEnumerable<string?> secrets, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(header)) return false;
        // An empty secret would sign with an empty HMAC key, which anybody can do: it verifies nothing.
        foreach (var secret in secrets.Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            try
            {
                EventUtility.ValidateSignature(payload, header, secret, ToleranceSeconds, now.ToUnixTimeSeconds());
                return true;
            }
            // Stripe.net throws StripeException for a wrong signature, a stale timestamp or an unexpected format, and
            // lets a timestamp that is no number through as Format/OverflowException: all of them mean "not this secret".
            catch (Exception e) when (e is StripeException or FormatException or OverflowException)
            {
            }
        }
        return false;
    }
}

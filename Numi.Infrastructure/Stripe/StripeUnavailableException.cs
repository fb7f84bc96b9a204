namespace Numi.Infrastructure.Stripe;

/// <summary>Stripe could not be asked (network, 5xx, after Stripe.net's retries; or 429), or refused Numi's key. Not the
/// shopper's doing: the checkout stays held with its idempotency key, so trying again cannot charge twice.</summary>
public sealed class StripeUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

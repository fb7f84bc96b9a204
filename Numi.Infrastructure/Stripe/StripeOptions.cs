namespace Numi.Infrastructure.Stripe;

/// <summary>Configuration section <c>Stripe</c>. <see cref="ApiBase"/> lets tests point Numi at a local fake Stripe.</summary>
public sealed class StripeOptions
{
    public const string HttpClientName = "stripe";
    /// <summary>The API version every request asks for, so a change of the account's default cannot change the answers.</summary>
    public const string ApiVersion = "2024-06-20";

    public string ApiBase { get; set; } = "https://api.stripe.com";
    /// <summary>Tries per request when the network fails or Stripe answers 5xx/429; every try sends the same idempotency key.</summary>
    public int MaxAttempts { get; set; } = 3;
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

namespace Numi.Infrastructure.Stripe;

/// <summary>Configuration section <c>Stripe</c>. <see cref="ApiBase"/> lets tests point Numi at a local fake Stripe.
/// The API version is not set here: every request carries the one Stripe.net 53 pins
/// (<c>StripeConfiguration.ApiVersion</c>), because its typed objects are generated for that version.</summary>
public sealed class StripeOptions
{
    /// <summary>The <see cref="IHttpClientFactory"/> client Stripe.net sends through, so its timeout and handlers are
    /// configured (and pooled) like every other outgoing client of Numi.</summary>
    public const string HttpClientName = "stripe";

    public string ApiBase { get; set; } = global::Stripe.StripeClient.DefaultApiBase;

    /// <summary>Stripe.net's retries after a network failure, a 409 (the idempotency key still in use) or a 5xx. Every
    /// retry sends the same idempotency key, so Stripe does the work once.</summary>
    public int MaxNetworkRetries { get; set; } = 2;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

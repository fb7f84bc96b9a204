using Microsoft.Extensions.Options;
using global::Stripe;

namespace Numi.Infrastructure.Stripe;

/// <summary>Makes Stripe.net's <see cref="StripeClient"/> for one organization's secret key. Each client sends through
/// the factory-managed <c>stripe</c> HttpClient (wrapped in Stripe.net's <see cref="SystemNetHttpClient"/>, which adds
/// the retries) to <see cref="StripeOptions.ApiBase"/>. Telemetry is off: Numi does not report its request timings to Stripe.</summary>
public sealed class StripeClientFactory(IHttpClientFactory httpClients, IOptions<StripeOptions> options)
{
    private static readonly AppInfo Numi = new() { Name = "Numi" };

    public StripeClient Create(string secretKey)
    {
        var settings = options.Value;
        var http = new SystemNetHttpClient(httpClients.CreateClient(StripeOptions.HttpClientName), settings.MaxNetworkRetries, Numi, enableTelemetry: false);
        return new StripeClient(secretKey, httpClient: http, apiBase: settings.ApiBase.TrimEnd('/'));
    }
}

using Microsoft.Extensions.Options;
using Numi.Infrastructure.Stripe;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>Numi's <see cref="StripeClientFactory"/> pointed at a fake Stripe through <c>Stripe:ApiBase</c>, as the app
/// configures it, over plain HttpClients (the app's come from IHttpClientFactory).</summary>
public static class FakeStripeClients
{
    public static StripeClientFactory For(Uri apiBase, int maxNetworkRetries = 2) =>
        new(new PlainHttpClients(), Options.Create(new StripeOptions { ApiBase = apiBase.ToString(), MaxNetworkRetries = maxNetworkRetries }));

    public static StripeClientFactory Clients(this FakeStripeServer stripe, int maxNetworkRetries = 2) => For(stripe.Address, maxNetworkRetries);

    private sealed class PlainHttpClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}

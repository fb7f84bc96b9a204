namespace Numi.Infrastructure.Tests.Support;

/// <summary>An <see cref="IHttpClientFactory"/> whose clients all call one address (the fake Stripe).</summary>
public sealed class FixedHttpClients(Uri address) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new() { BaseAddress = address };
}

using System.Net;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

/// <summary>An app that allows one request per second per key.</summary>
public sealed class RateLimitedFactory : NumiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        base.Settings().Append(new("Numi:Api:RequestsPerSecond", "1"));
}

public sealed class ApiRateLimitTests(RateLimitedFactory factory) : IClassFixture<RateLimitedFactory>
{
    [Fact]
    public async Task Too_many_requests_are_429_rate_limited()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.GetAsync("/api/v1/organization")));

        try
        {
            Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
            var limited = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
            Assert.NotNull(limited);
            await limited.ProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
            Assert.Equal("1", Assert.Single(limited.Headers.GetValues("Retry-After")));
        }
        finally
        {
            foreach (var response in responses) response.Dispose();
        }
    }
}

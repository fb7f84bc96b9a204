using System.Net;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

[Collection(AppCollection.Name)]
public sealed class ApiAuthenticationTests(NumiFactory factory)
{
    [Fact]
    public async Task Missing_key_is_401_problem_not_a_redirect()
    {
        using var client = factory.CreateApiClient(null);

        using var response = await client.GetAsync("/api/v1/organization");

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized, "authentication_required");
        Assert.Contains("Bearer", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("sk_test_0000000000000000000000000000000")]
    [InlineData("sk_live_0000000000000000000000000000000")]
    [InlineData("not-a-key")]
    public async Task Invalid_key_is_401_problem(string secret)
    {
        using var client = factory.CreateApiClient(secret);

        using var response = await client.GetAsync("/api/v1/products");

        await response.ProblemAsync(HttpStatusCode.Unauthorized, "authentication_required");
    }

    [Fact]
    public async Task Other_schemes_than_bearer_are_401()
    {
        using var client = factory.CreateApiClient(null);
        client.DefaultRequestHeaders.Authorization = new("Basic", "dXNlcjpwYXNz");

        using var response = await client.GetAsync("/api/v1/organization");

        await response.ProblemAsync(HttpStatusCode.Unauthorized, "authentication_required");
    }

    [Fact]
    public async Task Unknown_api_url_is_404_problem()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;

        using var response = await client.GetAsync("/api/v1/no-such-resource");

        await response.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
    }
}

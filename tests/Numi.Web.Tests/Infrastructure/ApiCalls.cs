using System.Net;
using System.Text;
using System.Text.Json;

namespace Numi.Web.Tests.Infrastructure;

public static class ApiCalls
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with the status and code, and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code, string? param = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.Equal(code, problem.GetProperty("code").GetString());
        if (param is not null) Assert.Equal(param, problem.GetProperty("param").GetString());
        return problem;
    }

    /// <summary>A fresh organization with a test key, through the use case and the database.</summary>
    public static async Task<(Guid OrganizationId, HttpClient Client)> NewOrganizationClientAsync(this NumiFactory factory)
    {
        var organizationId = await factory.CreateOrganizationAsync();
        return (organizationId, factory.CreateApiClient(await factory.CreateApiKeyAsync(organizationId)));
    }
}

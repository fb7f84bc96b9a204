using System.Net;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

[Collection(AppCollection.Name)]
public sealed class HostTests(NumiFactory factory)
{
    [Fact]
    public async Task Health_answers_200()
    {
        using var client = factory.CreateApiClient(null);
        using var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        using var browser = factory.CreateBrowser();
        using var response = await browser.Client.GetAsync("/account/signin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Unknown_page_answers_404_with_the_friendly_page()
    {
        using var browser = factory.CreateBrowser();
        using var response = await browser.Client.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await Browser.ParseAsync(response);
        Assert.Contains("Page not found", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Dashboard_sends_anonymous_visitors_to_sign_in()
    {
        using var browser = factory.CreateBrowser();
        using var response = await browser.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQueryOrOriginal());
    }

    [Fact]
    public async Task OpenApi_document_lists_the_organization_endpoint()
    {
        using var client = factory.CreateApiClient(null);
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("paths").TryGetProperty("/api/v1/organization", out _));
    }
}

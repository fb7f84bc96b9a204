using System.Net;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

/// <summary>The front-end files the pages link are served from the build's static-assets manifest, including those the
/// build copies from npm on a fresh clone, to anyone (the sign-in page and the checkout need them before sign-in).</summary>
[Collection(AppCollection.Name)]
public sealed class StaticAssetTests(NumiFactory factory)
{
    [Theory]
    [InlineData("/lib/htmx/htmx.min.js", "javascript")]
    [InlineData("/account.css", "text/css")]
    [InlineData("/checkout.css", "text/css")]
    [InlineData("/funnel.css", "text/css")]
    [InlineData("/portal.css", "text/css")]
    [InlineData("/_framework/blazor.web.js", "javascript")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css", "text/css")]
    [InlineData("/numi-app.js", "javascript")]
    public async Task A_linked_file_is_served_to_a_visitor(string path, string type)
    {
        using var visitor = factory.CreateBrowser();

        using var response = await visitor.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(type, response.Content.Headers.ContentType?.MediaType);
    }
}

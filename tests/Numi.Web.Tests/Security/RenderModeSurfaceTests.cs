using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Security;

/// <summary>Blazor's interactivity reaches the merchant app only: the shopper's checkout and the account pages (the
/// access-denied page among them) load no Blazor script, no MudBlazor, no persisted component state, and keep the
/// strict policy; merchant pages get exactly what Blazor needs and still no inline script.</summary>
[Collection(AppCollection.Name)]
public sealed class RenderModeSurfaceTests(NumiFactory factory)
{
    [Fact]
    public async Task The_checkout_loads_no_blazor_and_keeps_the_strict_policy()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var path = await shopper.StartCheckoutAsync(shop);

        using var response = await shopper.Client.GetAsync(path);

        await AssertStaticAsync(response);
    }

    [Theory]
    [InlineData("/account/signin")]
    [InlineData("/account/signup")]
    [InlineData("/account/forgot-password")]
    [InlineData("/account/reset-password")]
    public async Task The_account_pages_load_no_blazor_and_keep_the_strict_policy(string path)
    {
        using var visitor = factory.CreateBrowser();

        using var response = await visitor.Client.GetAsync(path);

        await AssertStaticAsync(response);
        // Their own small stylesheet: no Bootstrap, no icon font.
        Assert.Equal(["account.css"], Sheets(Browser.Parse(await response.Content.ReadAsStringAsync())));
    }

    [Fact]
    public async Task A_merchant_page_loads_blazor_with_webassembly_allowed_and_still_no_inline_script()
    {
        using var merchant = factory.CreateBrowser();
        await merchant.SignUpAsync();

        using var response = await merchant.Client.GetAsync("/");
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Scripts(page), s => s.EndsWith("blazor.web.js", StringComparison.Ordinal));
        Assert.Contains(Sheets(page), s => s.Contains("MudBlazor", StringComparison.Ordinal));
        var csp = Directives(response);
        Assert.Equal("script-src 'self' 'wasm-unsafe-eval'", csp["script-src"]);
        Assert.Equal("style-src 'self' 'unsafe-inline'", csp["style-src"]);
        Assert.Equal("connect-src 'self'", csp["connect-src"]);
        Assert.Equal("frame-ancestors 'none'", csp["frame-ancestors"]);
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
    }

    [Theory]
    [InlineData("/settings/members")]
    [InlineData("/settings/stripe")]
    [InlineData("/organizations/new")]
    public async Task The_ported_settings_and_new_organization_pages_are_interactive(string path)
    {
        using var merchant = factory.CreateBrowser();
        await merchant.SignUpAsync();

        using var response = await merchant.Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Scripts(Browser.Parse(html)), s => s.EndsWith("blazor.web.js", StringComparison.Ordinal));
        Assert.Contains("<!--Blazor:", html, StringComparison.Ordinal);
        Assert.Equal("script-src 'self' 'wasm-unsafe-eval'", Directives(response)["script-src"]);
    }

    [Fact]
    public async Task The_access_denied_page_stays_static_answers_403_and_offers_to_sign_out()
    {
        using var merchant = factory.CreateBrowser();
        await merchant.SignUpAsync();

        using var response = await merchant.Client.GetAsync(Infrastructure.Pages.WithSignOutForm);

        await AssertStaticAsync(response, HttpStatusCode.Forbidden);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("You do not have access to this page", page.QuerySelector("h1")?.TextContent.Trim());
        var signOut = Form.FromAction(page, "account/signout");
        Assert.False(string.IsNullOrEmpty(signOut.Fields.GetValueOrDefault(Browser.AntiforgeryField)));
    }

    [Fact]
    public void No_page_anyone_may_open_is_interactive()
    {
        var interactiveAnonymous = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<RenderModeAttribute>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText).ToList();

        Assert.Empty(interactiveAnonymous);
    }

    private static async Task AssertStaticAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var html = await response.Content.ReadAsStringAsync();
        var page = Browser.Parse(html);
        Assert.Equal(status, response.StatusCode);
        Assert.DoesNotContain(Scripts(page), s => s.Contains("_framework/", StringComparison.Ordinal) || s.Contains("MudBlazor", StringComparison.Ordinal));
        Assert.DoesNotContain(Sheets(page), s => s.Contains("MudBlazor", StringComparison.Ordinal));
        // No component markers and no persisted state (a Debug build alone adds a hot-reload "Blazor-Web-Initializers"
        // comment; a Release build adds nothing, which bench/checkout.sh's page weight shows).
        Assert.DoesNotContain("<!--Blazor:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("-Component-State:", html, StringComparison.Ordinal);
        var csp = Directives(response);
        Assert.Equal("script-src 'self'", csp["script-src"]);
        Assert.Equal("style-src 'self'", csp["style-src"]);
        Assert.Equal("frame-ancestors 'none'", csp["frame-ancestors"]);
    }

    private static IEnumerable<string> Scripts(IHtmlDocument page) =>
        page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!);

    private static IEnumerable<string> Sheets(IHtmlDocument page) =>
        page.QuerySelectorAll("link[rel=stylesheet]").Select(s => s.GetAttribute("href")!);

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Content-Security-Policy"))
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d);
}

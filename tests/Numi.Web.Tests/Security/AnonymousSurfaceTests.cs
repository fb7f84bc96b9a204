using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Security;

/// <summary>Sign-in is the default (a fallback policy), so a new merchant page or endpoint cannot forget it; what
/// anyone may reach is marked [AllowAnonymous] and listed here, so widening it is a deliberate change.</summary>
[Collection(AppCollection.Name)]
public sealed class AnonymousSurfaceTests(NumiFactory factory)
{
    /// <summary>Also <c>/bench/bare</c>, which exists only when Numi:Bench:BareFile names a file (never in these tests).</summary>
    private static readonly string[] Anonymous =
    [
        "/{*path}", "/account/forgot-password", "/account/reset-password", "/account/signin", "/account/signout", "/account/signup",
        "/account/slug-check", "/c/{Organization}/{OfferSlug}", "/checkout/{Id}", "/checkout/{Id}/authenticate",
        "/error", "/f/{Organization}/{FunnelSlug}", "/f/{Organization}/{FunnelSlug}/{StepKey}", "/health", "/invite/{Token}", "/media/products/{id}/{version}", "/not-found", "/offers/theme.css",
        "/openapi/{documentName}.json", "/portal/{Organization}", "/portal/{Organization}/orders", "/portal/{Organization}/orders/{Number:int}",
        "/portal/{Organization}/invoices", "/portal/{Organization}/sign-in", "/portal/{Organization}/subscriptions",
        "/portal/{Organization}/subscriptions/{Id}/card", "/portal/{Organization}/subscriptions/{Id}/change-plan",
        "/portal/{Organization}/subscriptions/{Id}/{Page}", "/portal/{organization}/invoices/{id}/pdf", "/portal/{organization}/sign-out", "/status/{Code:int}", "/webhooks/stripe/{organization}",
    ];

    [Fact]
    public async Task Endpoints_without_a_rule_of_their_own_require_sign_in()
    {
        var fallback = await factory.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();

        Assert.NotNull(fallback);
        Assert.Contains(fallback.Requirements, r => r is DenyAnonymousAuthorizationRequirement);
    }

    [Fact]
    public void The_anonymous_surface_is_exactly_the_shoppers_visitors_and_stripes_routes()
    {
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Anonymous.Order(StringComparer.Ordinal), routes);
    }

    [Theory]
    [InlineData("/orders/export.csv")]
    [InlineData("/catalog")]
    [InlineData("/settings/api-keys")]
    [InlineData("/customers")]
    public async Task A_merchant_route_sends_a_visitor_to_sign_in(string path)
    {
        using var browser = factory.CreateBrowser();

        using var response = await browser.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQueryOrOriginal());
    }
}

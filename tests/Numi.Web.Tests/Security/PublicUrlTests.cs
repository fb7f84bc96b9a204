using System.Net;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Security;

/// <summary>The app in Development with no <c>Numi:PublicUrl</c>: its links start with the address it listens on.</summary>
public sealed class NoPublicUrlFactory : NumiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => base.Settings().Where(s => s.Key != "Numi:PublicUrl");
}

/// <summary>Whoever sends a request chooses its Host header, so no link Numi hands out may be built from it. (The
/// invitation link, sent from the interactive members page, is checked in Interactive/InvitationLinkTests.)</summary>
public sealed class PublicUrlTests(NoPublicUrlFactory factory) : IClassFixture<NoPublicUrlFactory>
{
    private static readonly Uri Evil = new("http://evil.example");

    /// <summary>The address the app is set to listen on (Program's default, which the in-memory server reports).</summary>
    private string Listening => factory.ListeningAddress;

    [Fact]
    public async Task Reset_link_ignores_the_host_header_of_the_request_that_asked_for_it()
    {
        Merchant merchant;
        using (var owner = factory.CreateBrowser()) merchant = await owner.SignUpAsync();
        using var attacker = factory.CreateBrowser(Evil);

        using var asked = await attacker.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = merchant.Email }, "forgot");

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var mail = await factory.LatestMailTextAsync(merchant.Email);
        Assert.DoesNotContain("evil.example", mail);
        Assert.Contains(Listening + "/account/reset-password?", mail);
    }

    [Fact]
    public async Task Checkout_session_url_ignores_the_host_header()
    {
        using var shop = await CheckoutShop.CreateAsync(factory);
        using var api = factory.CreateApiClient(await factory.CreateApiKeyAsync(shop.OrganizationId), Evil);

        var session = await api.PostOkAsync("/api/v1/checkout/sessions", $$"""{"offer":"{{shop.OfferId}}"}""");

        Assert.Equal($"{Listening}/checkout/{session.GetProperty("id").GetString()}", session.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Stripe_webhook_address_ignores_the_host_header()
    {
        using var owner = factory.CreateBrowser(Evil);
        var merchant = await owner.SignUpAsync();

        var page = await owner.GetPageAsync("/settings/stripe");

        Assert.Equal($"{Listening}/webhooks/stripe/{merchant.Slug}", page.QuerySelector("[data-testid=webhook-url]")?.TextContent.Trim());
    }
}

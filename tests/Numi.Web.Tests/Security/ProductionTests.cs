using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Security;

/// <summary>The app as it runs in Production, reached at <see cref="Origin"/>.</summary>
public sealed class ProductionFactory : NumiFactory
{
    public const string Origin = "https://billing.example.test";

    protected override string EnvironmentName => "Production";

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [.. base.Settings().Where(s => s.Key != "Numi:PublicUrl"), new("Numi:PublicUrl", Origin)];
}

public sealed class ProductionTests(ProductionFactory factory) : IClassFixture<ProductionFactory>
{
    [Fact]
    public async Task Reset_link_starts_with_the_public_url_whatever_the_host_header()
    {
        var merchant = Merchant.New();
        await factory.CreateOrganizationAsync(merchant);
        using var attacker = factory.CreateBrowser(new Uri("https://evil.example"));

        using var asked = await attacker.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = merchant.Email }, "forgot");

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var mail = await factory.LatestMailTextAsync(merchant.Email);
        Assert.DoesNotContain("evil.example", mail);
        Assert.Contains(ProductionFactory.Origin + "/account/reset-password?", mail);
    }

    /// <summary>Behind a proxy that ends TLS the request reaches Numi over plain http; a browser must still never send
    /// the sign-in or antiforgery cookie in clear text.</summary>
    [Fact]
    public async Task Every_cookie_is_secure_even_when_the_request_arrived_over_http()
    {
        var merchant = Merchant.New();
        await factory.CreateOrganizationAsync(merchant);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var page = await client.GetAsync("/account/signin");
        var form = Form.From(await Browser.ParseAsync(page), "/account/signin", "signin");
        form.Fields["Input.Email"] = merchant.Email;
        form.Fields["Input.Password"] = merchant.Password;
        using var post = new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = new FormUrlEncodedContent(form.Fields) };
        post.Headers.Add("Cookie", string.Join("; ", SetCookies(page).Select(c => c.Split(';')[0])));
        using var signedIn = await client.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookies = SetCookies(page).Concat(SetCookies(signedIn)).ToList();
        Assert.Contains(cookies, c => c.StartsWith("numi.af=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("numi.auth=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("secure", c.Split(';').Select(part => part.Trim().ToLowerInvariant())));
    }

    [Fact]
    public async Task Production_without_a_public_url_refuses_to_start_and_says_why()
    {
        await using var unconfigured = new UnconfiguredFactory("Production", null);

        var error = Assert.ThrowsAny<Exception>(() => unconfigured.CreateClient());

        Assert.Contains("Numi:PublicUrl", Innermost(error).Message);
    }

    [Theory]
    [InlineData("billing.example.com")]
    [InlineData("ftp://billing.example.com")]
    [InlineData("https://billing.example.com/?from=mail")]
    public async Task A_public_url_that_is_not_an_http_address_refuses_to_start(string publicUrl)
    {
        await using var misconfigured = new UnconfiguredFactory("Development", publicUrl);

        var error = Assert.ThrowsAny<Exception>(() => misconfigured.CreateClient());

        Assert.Contains("Numi:PublicUrl", Innermost(error).Message);
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static Exception Innermost(Exception error) => error.InnerException is null ? error : Innermost(error.InnerException);

    private sealed class UnconfiguredFactory(string environment, string? publicUrl) : NumiFactory
    {
        protected override string EnvironmentName => environment;

        protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [
            .. base.Settings().Where(s => s.Key != "Numi:PublicUrl"),
            .. publicUrl is null ? [] : new[] { new KeyValuePair<string, string>("Numi:PublicUrl", publicUrl) },
        ];
    }
}

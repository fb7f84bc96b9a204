using System.Net;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Security;

/// <summary>The app on a real Kestrel: unlike the in-memory server, Kestrel refuses a header value outside ASCII.</summary>
public sealed class KestrelFactory : NumiFactory
{
    public KestrelFactory() => UseKestrel(0);

    /// <summary>A browser talking HTTP to the server, on the port it chose when it started.</summary>
    public Browser CreateHttpBrowser() =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new() })
        {
            BaseAddress = new Uri(ListeningAddress),
        });
}

/// <summary>Where sign-in sends a person afterwards: any page of this site, however its address is written, and
/// never another site.</summary>
public sealed class ReturnUrlTests(KestrelFactory factory) : IClassFixture<KestrelFactory>
{
    [Theory]
    [InlineData("/customers?q=Müller", "/customers?q=M%C3%BCller")]
    [InlineData("/café", "/caf%C3%A9")]
    [InlineData("/customers?q=M%C3%BCller", "/customers?q=M%C3%BCller")]
    [InlineData("/catalog?q=50%25%20off#top", "/catalog?q=50%25%20off#top")]
    public async Task Sign_in_follows_a_local_return_url_with_characters_outside_ascii(string returnUrl, string location)
    {
        var (browser, response) = await SignInAsync(returnUrl);
        using var _ = browser;
        using var __ = response;

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {Browser.Truncate(await response.Content.ReadAsStringAsync())}");
        Assert.Equal(location, SentLocation(response));
        using var dashboard = await browser.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("evil.example")]
    [InlineData(" //evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\r\nSet-Cookie: a=b")]
    public async Task Sign_in_never_follows_a_return_url_to_another_site(string returnUrl)
    {
        var (browser, response) = await SignInAsync(returnUrl);
        using var _ = browser;
        using var __ = response;

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {Browser.Truncate(await response.Content.ReadAsStringAsync())}");
        Assert.Equal("/", SentLocation(response));
    }

    private async Task<(Browser Browser, HttpResponseMessage Response)> SignInAsync(string returnUrl)
    {
        var merchant = Merchant.New();
        await factory.CreateOrganizationAsync(merchant);
        var browser = factory.CreateHttpBrowser();
        var response = await browser.SubmitAsync("/account/signin?returnUrl=" + Uri.EscapeDataString(returnUrl),
            new Dictionary<string, string> { ["Input.Email"] = merchant.Email, ["Input.Password"] = merchant.Password }, "signin");
        return (browser, response);
    }

    /// <summary>The Location header as sent, without the origin when it is absolute.</summary>
    private static string SentLocation(HttpResponseMessage response)
    {
        var sent = response.Headers.NonValidated["Location"].ToString();
        return Uri.TryCreate(sent, UriKind.Absolute, out var absolute) && absolute.Scheme == Uri.UriSchemeHttp
            ? sent[absolute.GetLeftPart(UriPartial.Authority).Length..]
            : sent;
    }
}

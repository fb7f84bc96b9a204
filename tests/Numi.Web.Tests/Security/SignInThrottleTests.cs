using System.Net;
using Microsoft.AspNetCore.Hosting;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Security;

/// <summary>The app with small sign-in limits; each browser comes from the client address it is given.</summary>
public sealed class ThrottledFactory : NumiFactory
{
    public const int PerAddress = 4;
    public const int PerAccount = 3;

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        .. base.Settings().Where(s => !s.Key.StartsWith("Numi:SignIn:", StringComparison.Ordinal)),
        new("Numi:SignIn:AttemptsPerAddress", PerAddress.ToString()),
        new("Numi:SignIn:AttemptsPerAccount", PerAccount.ToString()),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ClientAddresses.Use(builder);
    }
}

public sealed class SignInThrottleTests(ThrottledFactory factory) : IClassFixture<ThrottledFactory>
{
    [Fact]
    public async Task Sign_ins_beyond_the_limit_from_one_address_get_429_with_retry_after_and_a_friendly_page()
    {
        using var browser = factory.CreateBrowserFromNewAddress();
        for (var attempt = 0; attempt < ThrottledFactory.PerAddress; attempt++)
        {
            using var failed = await browser.SignInAsync(NewEmail(), "wrong-password-1");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var limited = await browser.SignInAsync(NewEmail(), "wrong-password-1");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(1), limited.Headers.RetryAfter?.Delta);
        Assert.Equal("text/html", limited.Content.Headers.ContentType?.MediaType);
        var page = await Browser.ParseAsync(limited);
        Assert.Contains("Too many attempts", page.Body!.TextContent);
        Assert.Contains("1 minute", page.Body!.TextContent);
        using var elsewhere = factory.CreateBrowserFromNewAddress();
        using var allowed = await elsewhere.SignInAsync(NewEmail(), "wrong-password-1");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_still_opens_while_its_posts_are_refused()
    {
        using var browser = factory.CreateBrowserFromNewAddress();
        for (var attempt = 0; attempt <= ThrottledFactory.PerAddress; attempt++)
            (await browser.SignInAsync(NewEmail(), "wrong-password-1")).Dispose();

        using var page = await browser.Client.GetAsync("/account/signin");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Sign_ins_beyond_the_limit_for_one_account_get_429_from_any_address_even_with_the_right_password()
    {
        Merchant merchant;
        using (var owner = factory.CreateBrowserFromNewAddress()) merchant = await owner.SignUpAsync();
        // The same account however it is typed.
        string[] spellings = [merchant.Email, merchant.Email.ToUpperInvariant(), $"  {merchant.Email} "];
        foreach (var email in spellings.Take(ThrottledFactory.PerAccount))
        {
            using var browser = factory.CreateBrowserFromNewAddress();
            using var failed = await browser.SignInAsync(email, "wrong-password-1");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }
        using var another = factory.CreateBrowserFromNewAddress();

        using var limited = await another.SignInAsync(merchant.Email, merchant.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(15), limited.Headers.RetryAfter?.Delta);
        Assert.Contains("15 minutes", (await Browser.ParseAsync(limited)).Body!.TextContent);
        using var dashboard = await another.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        using var otherAccount = await another.SignInAsync(NewEmail(), "wrong-password-1");
        Assert.Equal(HttpStatusCode.OK, otherAccount.StatusCode);
        // Its owner can still ask for a reset link: those requests are counted apart.
        using var reset = await another.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = merchant.Email }, "forgot");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
    }

    [Fact]
    public async Task Reset_requests_beyond_the_limit_for_one_email_get_429()
    {
        var email = NewEmail();
        for (var attempt = 0; attempt < ThrottledFactory.PerAccount; attempt++)
        {
            using var browser = factory.CreateBrowserFromNewAddress();
            using var asked = await browser.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email }, "forgot");
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }
        using var another = factory.CreateBrowserFromNewAddress();

        using var limited = await another.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email }, "forgot");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
    }

    private static string NewEmail() => $"someone-{Guid.NewGuid():N}@example.test";
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

[Collection(AppCollection.Name)]
public sealed class SignInTests(NumiFactory factory)
{
    [Fact]
    public async Task Sign_in_with_the_right_password_opens_the_dashboard()
    {
        var merchant = await SignedUpMerchantAsync();
        using var browser = factory.CreateBrowser();

        using var response = await browser.SignInAsync(merchant.Email, merchant.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var dashboard = await browser.FollowAsync(response);
        Assert.Equal(merchant.Name, dashboard.QuerySelector("[data-testid=organization-name]")?.TextContent.Trim());
    }

    [Fact]
    public async Task Sign_in_follows_a_local_return_url_but_not_another_site()
    {
        var merchant = await SignedUpMerchantAsync();
        using var browser = factory.CreateBrowser();
        var fields = new Dictionary<string, string> { ["Input.Email"] = merchant.Email, ["Input.Password"] = merchant.Password };

        using var local = await browser.SubmitAsync("/account/signin?returnUrl=%2Fcatalog", fields, "signin");
        using var foreign = await browser.SubmitAsync("/account/signin?returnUrl=%2F%2Fevil.example", fields, "signin");

        Assert.Equal("/catalog", local.Headers.Location!.PathAndQueryOrOriginal());
        Assert.Equal("/", foreign.Headers.Location!.PathAndQueryOrOriginal());
    }

    [Fact]
    public async Task Wrong_password_shows_a_message_and_does_not_sign_in()
    {
        var merchant = await SignedUpMerchantAsync();
        using var browser = factory.CreateBrowser();

        using var response = await browser.SignInAsync(merchant.Email, "wrong-password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Contains("The email or password is not right.", page.QuerySelector("#error-summary")?.TextContent);
        using var dashboard = await browser.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        var merchant = await SignedUpMerchantAsync();
        using var browser = factory.CreateBrowser();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var failed = await browser.SignInAsync(merchant.Email, "wrong-password-" + attempt);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var response = await browser.SignInAsync(merchant.Email, merchant.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var dashboard = await browser.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
    }

    /// <summary>A different message for a locked account would tell an attacker that the account exists.</summary>
    [Fact]
    public async Task A_locked_account_gets_the_same_message_as_a_wrong_password()
    {
        var merchant = await SignedUpMerchantAsync();
        using var browser = factory.CreateBrowser();
        string? wrongPassword = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var failed = await browser.SignInAsync(merchant.Email, "wrong-password-" + attempt);
            wrongPassword ??= ErrorSummary(await Browser.ParseAsync(failed));
        }

        using var locked = await browser.SignInAsync(merchant.Email, merchant.Password);

        Assert.Equal(wrongPassword, ErrorSummary(await Browser.ParseAsync(locked)));
        using var unknown = await browser.SignInAsync($"nobody-{Guid.NewGuid():N}@example.test", merchant.Password);
        Assert.Equal(wrongPassword, ErrorSummary(await Browser.ParseAsync(unknown)));
    }

    [Fact]
    public async Task Locking_an_account_emails_its_owner_once()
    {
        var merchant = await SignedUpMerchantAsync();
        using var browser = factory.CreateBrowser();

        for (var attempt = 0; attempt < 8; attempt++)
            (await browser.SignInAsync(merchant.Email, "wrong-password-" + attempt)).Dispose();
        (await browser.SignInAsync(merchant.Email, merchant.Password)).Dispose();

        var mails = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.To == merchant.Email && m.Subject.Contains("locked")).ToListAsync());
        var mail = Assert.Single(mails);
        Assert.Contains("15 minutes", mail.TextBody);
        Assert.Contains(NumiFactory.PublicUrl + "/account/forgot-password", mail.TextBody);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignUpAsync();
        var signOut = Form.FromAction(await browser.GetSignOutPageAsync(), "account/signout");
        Assert.True(signOut.Fields.ContainsKey(Browser.AntiforgeryField));

        using var response = await browser.PostAsync(signOut);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signin?signedOut=true", response.Headers.Location!.PathAndQueryOrOriginal());
        var signIn = await browser.FollowAsync(response);
        Assert.Contains("You have signed out.", signIn.Body!.TextContent);
        using var after = await browser.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/signin", after.Headers.Location!.PathAndQueryOrOriginal());
    }

    [Fact]
    public async Task Signing_out_ends_the_persons_other_sign_ins_at_their_next_request()
    {
        using var browser = factory.CreateBrowser();
        var merchant = await browser.SignUpAsync();
        using var other = factory.CreateBrowser();
        (await other.SignInAsync(merchant.Email, merchant.Password)).Dispose();
        Assert.Equal(HttpStatusCode.OK, (await other.Client.GetAsync("/")).StatusCode);

        using (var signedOut = await browser.PostAsync(Form.FromAction(await browser.GetSignOutPageAsync(), "account/signout")))
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        // The other browser still holds its cookie, but the security stamp in it is stale: the tenant middleware refuses it.
        using var after = await other.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/signin", after.Headers.Location!.PathAndQueryOrOriginal());
    }

    private static string? ErrorSummary(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector("#error-summary")?.TextContent.Trim();

    private async Task<Merchant> SignedUpMerchantAsync()
    {
        using var browser = factory.CreateBrowser();
        return await browser.SignUpAsync();
    }
}

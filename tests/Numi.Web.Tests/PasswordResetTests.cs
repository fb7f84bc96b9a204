using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

[Collection(AppCollection.Name)]
public sealed class PasswordResetTests(NumiFactory factory)
{
    [Fact]
    public async Task Forgotten_password_mails_a_link_that_sets_a_new_password()
    {
        Merchant merchant;
        using (var owner = factory.CreateBrowser()) merchant = await owner.SignUpAsync();
        using var browser = factory.CreateBrowser();

        using var asked = await browser.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = merchant.Email }, "forgot");

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("we have emailed a link", (await Browser.ParseAsync(asked)).Body!.TextContent);
        var link = await factory.LatestLinkMailedToAsync(merchant.Email);
        Assert.StartsWith("/account/reset-password?", link);

        const string newPassword = "brand-new-secret-7";
        using var reset = await browser.SubmitAsync(link, new Dictionary<string, string> { ["Input.Password"] = newPassword }, "reset");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/account/signin?passwordReset=true", reset.Headers.Location!.PathAndQueryOrOriginal());

        using var oldPassword = await browser.SignInAsync(merchant.Email, merchant.Password);
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
        using var signedIn = await browser.SignInAsync(merchant.Email, newPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var dashboard = await browser.FollowAsync(signedIn);
        Assert.Equal(merchant.Name, dashboard.QuerySelector("[data-testid=organization-name]")?.TextContent.Trim());
    }

    [Fact]
    public async Task Unknown_email_gets_the_same_answer_and_no_mail()
    {
        using var browser = factory.CreateBrowser();
        var email = $"nobody-{Guid.NewGuid():N}@example.test";

        using var asked = await browser.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email }, "forgot");

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("we have emailed a link", (await Browser.ParseAsync(asked)).Body!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.To == email)));
    }

    [Fact]
    public async Task Tampered_reset_token_is_refused()
    {
        Merchant merchant;
        using (var owner = factory.CreateBrowser()) merchant = await owner.SignUpAsync();
        using var browser = factory.CreateBrowser();

        using var reset = await browser.SubmitAsync(
            $"/account/reset-password?email={Uri.EscapeDataString(merchant.Email)}&token=not-a-real-token",
            new Dictionary<string, string> { ["Input.Password"] = "brand-new-secret-7" }, "reset");

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("expired or was already used", (await Browser.ParseAsync(reset)).QuerySelector("#error-summary")?.TextContent);
        using var signedIn = await browser.SignInAsync(merchant.Email, merchant.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }
}

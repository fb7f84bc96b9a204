using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

[Collection(AppCollection.Name)]
public sealed class AntiforgeryTests(NumiFactory factory)
{
    [Fact]
    public async Task Tampered_token_is_refused_with_400_and_nothing_is_saved()
    {
        using var browser = factory.CreateBrowser();
        var merchant = Merchant.New();
        var form = await browser.GetFormAsync("/account/signup", "signup");
        foreach (var (name, value) in merchant.SignUpFields()) form.Fields[name] = value;
        var token = form.Fields[Browser.AntiforgeryField];
        form.Fields[Browser.AntiforgeryField] = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        using var response = await browser.PostAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await SignedUpAsync(merchant));
    }

    [Fact]
    public async Task Missing_token_is_refused_with_400_and_nothing_is_saved()
    {
        using var browser = factory.CreateBrowser();
        var merchant = Merchant.New();
        var form = await browser.GetFormAsync("/account/signup", "signup");
        foreach (var (name, value) in merchant.SignUpFields()) form.Fields[name] = value;
        form.Fields.Remove(Browser.AntiforgeryField);

        using var response = await browser.PostAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await SignedUpAsync(merchant));
    }

    [Fact]
    public async Task Token_from_another_browser_is_refused()
    {
        using var attacker = factory.CreateBrowser();
        var foreignToken = (await attacker.GetFormAsync("/account/signup", "signup")).Fields[Browser.AntiforgeryField];
        using var victim = factory.CreateBrowser();
        var merchant = Merchant.New();
        var form = await victim.GetFormAsync("/account/signup", "signup");
        foreach (var (name, value) in merchant.SignUpFields()) form.Fields[name] = value;
        form.Fields[Browser.AntiforgeryField] = foreignToken;

        using var response = await victim.PostAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await SignedUpAsync(merchant));
    }

    [Fact]
    public async Task Sign_out_without_a_token_is_refused()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignUpAsync();

        using var response = await browser.Client.PostAsync("/account/signout", new FormUrlEncodedContent([]));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, Browser.Truncate(await response.Content.ReadAsStringAsync()));
        Assert.Contains("could not be processed", (await Browser.ParseAsync(response)).QuerySelector("h1")?.TextContent);
        using var dashboard = await browser.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task Switching_organization_without_a_token_is_refused()
    {
        using var browser = factory.CreateBrowser();
        var merchant = await browser.SignUpAsync();
        var organizationId = await factory.OrganizationIdAsync(merchant.Slug);

        using var response = await browser.Client.PostAsync("/account/switch-organization",
            new FormUrlEncodedContent([new("organizationId", organizationId.ToString())]));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, Browser.Truncate(await response.Content.ReadAsStringAsync()));
    }

    private Task<bool> SignedUpAsync(Merchant merchant) => factory.WithDbAsync(async db =>
        await db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.Slug == merchant.Slug) || await db.Users.AnyAsync(u => u.Email == merchant.Email));
}

using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests;

[Collection(AppCollection.Name)]
public sealed class SignUpValidationTests(NumiFactory factory)
{
    [Fact]
    public async Task Taken_email_is_refused_inline()
    {
        using var first = factory.CreateBrowser();
        var existing = await first.SignUpAsync();
        var attempt = Merchant.New(email: existing.Email);

        var page = await SignUpExpectingErrorsAsync(attempt);

        Assert.Contains("already exists", FieldError(page, "email"));
        Assert.False(await OrganizationExistsAsync(attempt.Slug));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == existing.Email)));
    }

    [Fact]
    public async Task Taken_slug_is_refused_inline()
    {
        using var first = factory.CreateBrowser();
        var existing = await first.SignUpAsync();
        var attempt = Merchant.New() with { Slug = existing.Slug };

        var page = await SignUpExpectingErrorsAsync(attempt);

        Assert.Contains("taken", FieldError(page, "slug"));
        Assert.False(await UserExistsAsync(attempt.Email));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Organizations.IgnoreQueryFilters().CountAsync(o => o.Slug == existing.Slug)));
    }

    [Fact]
    public async Task Weak_password_is_refused_inline()
    {
        var attempt = Merchant.New() with { Password = "short" };

        var page = await SignUpExpectingErrorsAsync(attempt);

        Assert.NotEmpty(FieldError(page, "password"));
        Assert.False(await UserExistsAsync(attempt.Email));
        Assert.False(await OrganizationExistsAsync(attempt.Slug));
        // The password is never sent back to the browser.
        Assert.Equal("", page.QuerySelector("input[name='Input.Password']")!.GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task Missing_fields_are_each_reported_and_the_entered_ones_kept()
    {
        var attempt = Merchant.New();
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "", ["Input.Slug"] = "", ["Input.DisplayName"] = "", ["Input.Email"] = attempt.Email, ["Input.Password"] = "",
        };

        var page = await SignUpExpectingErrorsAsync(attempt, fields);

        foreach (var field in new[] { "name", "slug", "display_name", "password" })
            Assert.NotEmpty(FieldError(page, field));
        Assert.Null(page.QuerySelector("#email-error"));
        Assert.Equal(attempt.Email, page.QuerySelector("input[name='Input.Email']")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("#error-summary"));
        Assert.False(await UserExistsAsync(attempt.Email));
    }

    [Fact]
    public async Task Fields_left_out_of_the_post_entirely_are_reported_not_a_500()
    {
        using var browser = factory.CreateBrowser();
        var form = await browser.GetFormAsync("/account/signup", "signup");
        foreach (var name in form.Fields.Keys.Where(k => k.StartsWith("Input.", StringComparison.Ordinal)).ToList()) form.Fields.Remove(name);
        var organizations = await CountOrganizationsAsync();

        using var response = await browser.PostAsync(form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.NotEmpty(FieldError(page, "email"));
        Assert.Equal(organizations, await CountOrganizationsAsync());
    }

    private async Task<IHtmlDocument> SignUpExpectingErrorsAsync(Merchant attempt, Dictionary<string, string>? fields = null)
    {
        using var browser = factory.CreateBrowser();
        var organizations = await CountOrganizationsAsync();
        var users = await factory.WithDbAsync(db => db.Users.CountAsync());

        using var response = await browser.SubmitAsync("/account/signup", fields ?? attempt.SignUpFields(), "signup");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("numi.auth", StringComparison.Ordinal)));
        Assert.Equal(organizations, await CountOrganizationsAsync());
        Assert.Equal(users, await factory.WithDbAsync(db => db.Users.CountAsync()));
        return await Browser.ParseAsync(response);
    }

    private static string FieldError(IHtmlDocument page, string field)
    {
        var error = page.QuerySelector($"#{field}-error.ac-error");
        Assert.True(error is not null, $"No inline message for {field}");
        return error.TextContent.Trim();
    }

    private Task<int> CountOrganizationsAsync() => factory.WithDbAsync(db => db.Organizations.IgnoreQueryFilters().CountAsync());
    private Task<bool> OrganizationExistsAsync(string slug) => factory.WithDbAsync(db => db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.Slug == slug));
    private Task<bool> UserExistsAsync(string email) => factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email));
}

using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Accounts;
using Numi.Core.ApiKeys;

namespace Numi.Web.Tests.Infrastructure;

public sealed record Merchant(string Name, string Slug, string Email, string Password, string DisplayName)
{
    public static Merchant New(string? email = null)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        return new Merchant("Shop " + id, "shop-" + id, email ?? $"owner-{id}@example.test", "correct-horse-42", "Owner " + id);
    }

    public Dictionary<string, string> SignUpFields() => new()
    {
        ["Input.Name"] = Name,
        ["Input.Slug"] = Slug,
        ["Input.DefaultCurrency"] = "eur",
        ["Input.TimeZone"] = "UTC",
        ["Input.DisplayName"] = DisplayName,
        ["Input.Email"] = Email,
        ["Input.Password"] = Password,
    };
}

public static partial class Accounts
{
    /// <summary>Signs up through the page; the browser is then signed in as the new owner.</summary>
    public static async Task<Merchant> SignUpAsync(this Browser browser, Merchant? merchant = null)
    {
        merchant ??= Merchant.New();
        using var response = await browser.SubmitAsync("/account/signup", merchant.SignUpFields(), "signup");
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect,
            $"Sign-up answered {(int)response.StatusCode}: {Browser.Truncate(await response.Content.ReadAsStringAsync())}");
        return merchant;
    }

    /// <summary>Signs in as the platform administrator, signing the account up the first time (tests share one app).</summary>
    public static async Task SignInAsPlatformAdminAsync(this Browser browser)
    {
        var admin = Merchant.New(email: NumiFactory.AdminEmail);
        using var signedUp = await browser.SubmitAsync("/account/signup", admin.SignUpFields(), "signup");
        if (signedUp.StatusCode == System.Net.HttpStatusCode.Redirect) return;
        using var signedIn = await browser.SignInAsync(admin.Email, admin.Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    public static async Task<HttpResponseMessage> SignInAsync(this Browser browser, string email, string password) =>
        await browser.SubmitAsync("/account/signin", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password }, "signin");

    /// <summary>Creates an organization and owner directly through the sign-up use case (for API tests).</summary>
    public static async Task<Guid> CreateOrganizationAsync(this NumiFactory factory, Merchant? merchant = null)
    {
        merchant ??= Merchant.New();
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SignUpHandler>().HandleAsync(
            new SignUp(merchant.Name, merchant.Slug, "usd", "UTC", merchant.DisplayName, merchant.Email, merchant.Password), CancellationToken.None);
        Assert.True(result.Succeeded);
        return result.Value.Organization.Id;
    }

    /// <summary>Stores a test-mode key for the organization and returns its secret.</summary>
    public static Task<string> CreateApiKeyAsync(this NumiFactory factory, Guid organizationId) =>
        factory.WithDbAsync(async db =>
        {
            var (key, secret) = ApiKey.Create(organizationId, "tests", ApiKeyMode.Test, null, DateTime.UtcNow);
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync();
            return secret;
        });

    public static Task<Guid> OrganizationIdAsync(this NumiFactory factory, string slug) =>
        factory.WithDbAsync(db => db.Organizations.IgnoreQueryFilters().Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync());

    /// <summary>The text of the newest outbox message to <paramref name="to"/>.</summary>
    public static Task<string> LatestMailTextAsync(this NumiFactory factory, string to) =>
        factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.To == to)
            .OrderByDescending(m => m.CreatedAt).Select(m => m.TextBody).FirstAsync());

    /// <summary>The newest outbox message to <paramref name="to"/> and the first local link in it.</summary>
    public static async Task<string> LatestLinkMailedToAsync(this NumiFactory factory, string to)
    {
        var body = await factory.LatestMailTextAsync(to);
        var match = LocalLink().Match(body);
        Assert.True(match.Success, "No link in: " + body);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"https?://localhost(/\S+)")]
    private static partial Regex LocalLink();
}

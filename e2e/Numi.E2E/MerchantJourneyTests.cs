using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Numi.E2E;

/// <summary>
/// The merchant's first minutes, in a real browser against the real app: sign up, see the dashboard, sign out,
/// sign in again, create an API key, see its secret once, and use it.
/// </summary>
[Collection(NumiCollection.Name)]
public sealed class MerchantJourneyTests(NumiAppFixture numi, ITestOutputHelper output)
{
    private const string Password = "journey-pass-2024";

    [Fact]
    public async Task New_merchant_signs_up_signs_out_and_in_and_creates_an_api_key_shown_once()
    {
        output.WriteLine($"Numi on {numi.BaseUrl}; start-up to healthy: {numi.StartupToHealthy.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
        var unique = Guid.NewGuid().ToString("N")[..8];
        var organizationName = $"Journey Coffee {unique}";
        var slug = $"journey-{unique}";
        var email = $"owner-{unique}@example.com";

        await using var context = await numi.NewContextAsync();
        var failedResponses = new List<string>();
        context.Response += (_, response) =>
        {
            if (response.Status >= 400) lock (failedResponses) failedResponses.Add($"{response.Status} {response.Request.Method} {response.Url}");
        };
        var page = await context.NewPageAsync();

        // Sign up.
        await page.GotoAsync("/account/signup");
        await page.FillAsync("#org-name", organizationName);
        await page.FillAsync("#org-slug", slug);
        await page.SelectOptionAsync("#org-currency", "eur");
        await page.SelectOptionAsync("#org-timezone", "Europe/Paris");
        await page.FillAsync("#display-name", "Jo Journey");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        // The dashboard of the new organization.
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?welcome=true$"));
        await Expect(page.GetByTestId("organization-name")).ToHaveTextAsync(organizationName);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Get started" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Welcome to Numi! Your organization is ready.")).ToBeVisibleAsync();
        var screenshot = Path.Combine(NumiAppFixture.ResultsDirectory, "dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 0, "The dashboard screenshot is empty.");
        output.WriteLine($"Dashboard screenshot: {screenshot}");

        // Sign out from the account menu, once the page is interactive (the menu opens through Blazor).
        await InteractiveJourneyTests.RendererAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Account menu" }).ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/account/signin\?signedOut=true$"));
        await Expect(page.GetByText("You have signed out")).ToBeVisibleAsync();

        // Signed out means signed out: the dashboard asks for sign-in again.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex(@"/account/signin\?ReturnUrl=%2F$", RegexOptions.IgnoreCase));

        // Sign in again with the same credentials.
        await SignInAsync(page, email, Password);
        await Expect(page.GetByTestId("organization-name")).ToHaveTextAsync(organizationName);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Get started" })).ToBeVisibleAsync();

        // Settings → API keys: create a test key; its secret is shown this once.
        await page.GotoAsync("/settings/api-keys");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create a key" })).ToBeVisibleAsync();
        await InteractiveJourneyTests.RendererAsync(page);
        await page.Locator("[data-testid=create-key] input").First.FillAsync("E2E key");
        await page.GetByText("Test (sk_test_)").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var newSecret = page.GetByTestId("new-secret");
        await Expect(newSecret).ToBeVisibleAsync();
        await Expect(newSecret).ToContainTextAsync("E2E key");
        var secret = (await page.GetByTestId("new-secret-value").InnerTextAsync()).Trim();
        Assert.StartsWith("sk_test_", secret);
        Assert.True(secret.Length > "sk_test_".Length + 16, $"The secret '{secret[..10]}…' is too short.");

        // A fresh GET of the page no longer shows the secret, but lists the key by name and hint.
        var reload = await page.GotoAsync("/settings/api-keys");
        Assert.Equal(200, reload!.Status);
        await Expect(page.GetByTestId("new-secret")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        var row = page.Locator("tbody tr", new() { HasText = "E2E key" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("code")).ToHaveTextAsync("sk_test_…" + secret[^4..]);
        await Expect(row).ToContainTextAsync("test");

        // Every page, stylesheet, script and font the browser fetched on the way answered (no 4xx/5xx).
        lock (failedResponses) Assert.Empty(failedResponses);

        // The secret works against the REST API, for this organization.
        var api = await numi.Playwright.APIRequest.NewContextAsync(new APIRequestNewContextOptions
        {
            BaseURL = numi.BaseUrl.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + secret },
        });
        await using (api)
        {
            var response = await api.GetAsync("/api/v1/organization");
            Assert.Equal(200, response.Status);
            using var json = JsonDocument.Parse(await response.TextAsync());
            Assert.Equal(slug, json.RootElement.GetProperty("slug").GetString());
            Assert.Equal(organizationName, json.RootElement.GetProperty("name").GetString());
            Assert.Equal("eur", json.RootElement.GetProperty("default_currency").GetString());
            Assert.False(json.RootElement.GetProperty("livemode").GetBoolean());
        }
    }

    internal static async Task SignInAsync(IPage page, string email, string password)
    {
        if (!page.Url.Contains("/account/signin", StringComparison.Ordinal))
            await page.GotoAsync("/account/signin");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Numi.E2E;

/// <summary>
/// The merchant dashboard renders InteractiveAuto: on a first visit it runs on the server (a circuit over a websocket)
/// while the WebAssembly runtime downloads; after a reload it runs in the browser and reads its data from /api/v1 with
/// the sign-in cookie. The test asserts which one is running from the frame's <c>data-renderer</c>.
/// </summary>
[Collection(NumiCollection.Name)]
public sealed class InteractiveJourneyTests(NumiAppFixture numi, ITestOutputHelper output)
{
    [Fact]
    public async Task The_dashboard_runs_on_the_server_first_then_in_webassembly_after_a_reload()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        await using var context = await numi.NewContextAsync();
        var page = await context.NewPageAsync();
        var apiCalls = new List<string>();
        page.Request += (_, request) => { if (request.Url.Contains("/api/v1/", StringComparison.Ordinal)) lock (apiCalls) apiCalls.Add(request.Url); };
        await SignUpAsync(page, unique);

        Assert.Equal("Server", await RendererAsync(page));
        output.WriteLine($"First visit: interactive on the server {await SinceHtmlAsync(page)} ms after its HTML.");
        lock (apiCalls) Assert.Empty(apiCalls);

        // The WebAssembly files arrive in the background; once they are cached, the next visit runs in the browser.
        var renderer = "Server";
        for (var attempt = 0; attempt < 10 && renderer != "WebAssembly"; attempt++)
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.ReloadAsync();
            renderer = await RendererAsync(page);
        }
        Assert.Equal("WebAssembly", renderer);
        output.WriteLine($"Repeat visit: interactive in WebAssembly {await SinceHtmlAsync(page)} ms after its HTML.");

        // The data came with the page (persistent state), so the browser did not fetch it again.
        await Expect(page.GetByTestId("products")).ToContainTextAsync("0");
        await Expect(page.GetByTestId("organization-name")).ToHaveTextAsync($"Auto Coffee {unique}");
        lock (apiCalls) Assert.Empty(apiCalls);

        // The theme toggle works in WebAssembly and is remembered for the next page.
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Use the light theme" })).ToBeVisibleAsync();
        var theme = (await context.CookiesAsync()).Single(c => c.Name == "numi.theme");
        Assert.Equal("dark", theme.Value);

        // Signing out from the WebAssembly page ends the sign-in.
        await page.GetByRole(AriaRole.Button, new() { Name = "Account menu" }).ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/account/signin\?signedOut=true$"));
    }

    [Fact]
    public async Task Signing_out_in_one_tab_takes_the_other_tabs_open_page_to_sign_in_at_once()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        await using var context = await numi.NewContextAsync();
        var first = await context.NewPageAsync();
        await SignUpAsync(first, unique);
        Assert.Equal("Server", await RendererAsync(first));
        var second = await context.NewPageAsync();
        await second.GotoAsync("/catalog");
        await RendererAsync(second);

        await second.GetByRole(AriaRole.Button, new() { Name = "Account menu" }).ClickAsync();
        await second.GetByTestId("sign-out").ClickAsync();
        await Expect(second).ToHaveURLAsync(new Regex(@"/account/signin\?signedOut=true$"));

        // The first tab's circuit is told by the server at once (the fixture puts the periodic re-check 5 minutes away).
        await Expect(first).ToHaveURLAsync(new Regex(@"/account/signin"), new() { Timeout = 8_000 });
        await Expect(first.Locator(".numi-app")).ToHaveCountAsync(0);
    }

    /// <summary>Waits until the merchant frame is interactive and answers where it runs: Server or WebAssembly.</summary>
    internal static async Task<string> RendererAsync(IPage page)
    {
        var frame = page.Locator(".numi-app");
        await Expect(frame).Not.ToHaveAttributeAsync("data-renderer", "Static", new() { Timeout = 20_000 });
        return (await frame.GetAttributeAsync("data-renderer"))!;
    }

    /// <summary>Milliseconds from the end of the page's HTML response to the frame's first interactive render
    /// (the <c>numi-interactive</c> performance mark).</summary>
    internal static Task<double> InteractiveAfterHtmlAsync(IPage page) => page.EvaluateAsync<double>(
        "() => performance.getEntriesByName('numi-interactive')[0].startTime - performance.getEntriesByType('navigation')[0].responseEnd");

    private static async Task<string> SinceHtmlAsync(IPage page) =>
        (await InteractiveAfterHtmlAsync(page)).ToString("0", CultureInfo.InvariantCulture);

    private static async Task SignUpAsync(IPage page, string unique)
    {
        await page.GotoAsync("/account/signup");
        await page.FillAsync("#org-name", $"Auto Coffee {unique}");
        await page.FillAsync("#org-slug", $"auto-{unique}");
        await page.FillAsync("#display-name", "Ari Auto");
        await page.FillAsync("#email", $"auto-{unique}@example.com");
        await page.FillAsync("#password", "auto-pass-2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?welcome=true$"));
    }
}

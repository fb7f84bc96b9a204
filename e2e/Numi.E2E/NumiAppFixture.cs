using System.Globalization;
using Microsoft.Playwright;
using Numi.Web.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Numi.E2E;

[CollectionDefinition(Name)]
public sealed class NumiCollection : ICollectionFixture<NumiAppFixture>
{
    public const string Name = "Numi app";
}

/// <summary>
/// Starts the real, built Numi.Web on a free loopback port (or the one <c>NUMI_E2E_PORT</c> names, for a machine where
/// several runs share fixed ports) with a fresh data folder, and one headless Chromium.
/// Shared by every test in <see cref="NumiCollection"/>, so Numi starts once per run.
/// </summary>
public sealed class NumiAppFixture : IAsyncLifetime
{
    private readonly IMessageSink _diagnostics;
    private NodeProcess? _node;
    private IPlaywright? _playwright;

    public NumiAppFixture(IMessageSink diagnostics) => _diagnostics = diagnostics;

    /// <summary>The platform admin's address (Numi:PlatformAdmins); the journey that needs one signs it up.</summary>
    public const string AdminEmail = "platform-admin@e2e.example";

    public Uri BaseUrl => _node?.BaseUrl ?? throw new InvalidOperationException("Numi is not started.");
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "numi-e2e-" + Guid.NewGuid().ToString("N"));
    public TimeSpan StartupToHealthy => _node?.StartupToHealthy ?? TimeSpan.Zero;
    public IBrowser Browser { get; private set; } = default!;
    public IPlaywright Playwright => _playwright ?? throw new InvalidOperationException("Playwright is not started.");

    /// <summary>Where screenshots and figures go: TestResults beside the test assembly.</summary>
    public static string ResultsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ResultsDirectory);
        // Fail (never skip) when the browser is missing: nothing else in this run can work without it.
        var chromium = Environment.GetEnvironmentVariable("NUMI_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException(
                $"Chromium was not found at '{chromium}'. Install Debian's chromium package or set NUMI_CHROMIUM to a Chromium executable; " +
                "`playwright install` cannot download browsers here.");

        await StartNumiAsync();

        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (own cookies) pointed at this Numi.</summary>
    public Task<IBrowserContext> NewContextAsync(ViewportSize? viewport = null) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
        });

    private async Task StartNumiAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        _node = await NodeProcess.StartAsync(new Dictionary<string, string>
        {
            ["Numi__DataDirectory"] = DataDirectory,
            ["Numi__Jobs__Enabled"] = "true",
            // The billing journey: a platform admin moves the clock, and the billing jobs and the mail follow in seconds.
            ["Numi__PlatformAdmins__0"] = AdminEmail,
            ["Numi__Jobs__RenewalInterval"] = "00:00:02",
            ["Numi__Jobs__InvoiceRetryInterval"] = "00:00:02",
            ["Numi__Jobs__OutboxInterval"] = "00:00:01",
            // Open pages learn of a sign-out from the server's signal; the periodic re-check is pushed out of the way so
            // a journey can tell the two apart.
            ["Numi__Circuits__RecheckInterval"] = "00:05:00",
        }, int.TryParse(Environment.GetEnvironmentVariable("NUMI_E2E_PORT"), out var port) ? port : null);
        var figure = $"Numi start-up to healthy (GET /health 200): {StartupToHealthy.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s";
        await File.WriteAllTextAsync(Path.Combine(ResultsDirectory, "startup.txt"), figure + Environment.NewLine);
        _diagnostics.OnMessage(new DiagnosticMessage(figure));
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_node is not null)
        {
            // Kept for diagnosis of any failure in the run.
            await File.WriteAllTextAsync(Path.Combine(ResultsDirectory, "numi-server.log"), _node.Output);
            await _node.DisposeAsync();
        }
        try
        {
            if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the exiting process; the OS temp cleanup takes it.
        }
    }
}

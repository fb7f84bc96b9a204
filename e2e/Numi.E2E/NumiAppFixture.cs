using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Numi.E2E;

[CollectionDefinition(Name)]
public sealed class NumiCollection : ICollectionFixture<NumiAppFixture>
{
    public const string Name = "Numi app";
}

/// <summary>
/// Starts the real, built Numi.Web on a free loopback port with a fresh data folder, and one headless Chromium.
/// Shared by every test in <see cref="NumiCollection"/>, so Numi starts once per run.
/// </summary>
public sealed class NumiAppFixture : IAsyncLifetime
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(60);

    private readonly IMessageSink _diagnostics;
    private readonly StringBuilder _output = new();
    private Process? _process;
    private IPlaywright? _playwright;

    public NumiAppFixture(IMessageSink diagnostics) => _diagnostics = diagnostics;

    /// <summary>The platform admin's address (Numi:PlatformAdmins); the journey that needs one signs it up.</summary>
    public const string AdminEmail = "platform-admin@e2e.example";

    public Uri BaseUrl { get; private set; } = default!;
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "numi-e2e-" + Guid.NewGuid().ToString("N"));
    public TimeSpan StartupToHealthy { get; private set; }
    public IBrowser Browser { get; private set; } = default!;
    public IPlaywright Playwright => _playwright ?? throw new InvalidOperationException("Playwright is not started.");

    /// <summary>Where screenshots and figures go: TestResults beside the test assembly.</summary>
    public static string ResultsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults");

    public string ServerOutput
    {
        get { lock (_output) return _output.ToString(); }
    }

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
        var root = FindRepositoryRoot();
        var configuration = OwnConfiguration();
        var webDirectory = Path.Combine(root, "Numi.Web");
        var dll = Path.Combine(webDirectory, "bin", configuration, "net10.0", "Numi.Web.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"Numi.Web is not built: '{dll}' is missing (build e2e/Numi.E2E, which builds Numi.Web first).");

        Directory.CreateDirectory(DataDirectory);
        var port = FreeLoopbackPort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = webDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { dll, "--contentRoot", webDirectory, "--urls", $"http://127.0.0.1:{port}" })
            start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Numi__DataDirectory"] = DataDirectory;
        start.Environment["Numi__Jobs__Enabled"] = "true";
        start.Environment["Numi__Demo__Enabled"] = "false";
        // The billing journey: a platform admin moves the clock, and the billing jobs and the mail follow in seconds.
        start.Environment["Numi__PlatformAdmins__0"] = AdminEmail;
        start.Environment["Numi__Jobs__RenewalInterval"] = "00:00:02";
        start.Environment["Numi__Jobs__InvoiceRetryInterval"] = "00:00:02";
        start.Environment["Numi__Jobs__OutboxInterval"] = "00:00:01";
        // Open pages learn of a sign-out from the server's signal; the periodic re-check is pushed out of the way so a
        // journey can tell the two apart.
        start.Environment["Numi__Circuits__RecheckInterval"] = "00:05:00";

        var clock = Stopwatch.StartNew();
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        if (!_process.Start())
            throw new InvalidOperationException("Could not start `dotnet Numi.Web.dll`.");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        string? lastProblem = null;
        while (clock.Elapsed < HealthTimeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException(
                    $"Numi exited with code {_process.ExitCode} before it was healthy.\n--- Numi output ---\n{ServerOutput}");
            try
            {
                using var response = await http.GetAsync("health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    StartupToHealthy = clock.Elapsed;
                    var figure = $"Numi start-up to healthy (GET /health 200): {StartupToHealthy.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s";
                    await File.WriteAllTextAsync(Path.Combine(ResultsDirectory, "startup.txt"), figure + Environment.NewLine);
                    _diagnostics.OnMessage(new DiagnosticMessage(figure));
                    return;
                }
                lastProblem = $"GET /health answered {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                lastProblem = e.Message;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException(
            $"Numi was not healthy within {HealthTimeout.TotalSeconds} s on {BaseUrl} (last: {lastProblem}).\n--- Numi output ---\n{ServerOutput}");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_process is not null)
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
                }
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                // Already gone or did not stop in time; the data folder is still removed below.
            }
            _process.Dispose();
            // Kept for diagnosis of any failure in the run.
            await File.WriteAllTextAsync(Path.Combine(ResultsDirectory, "numi-server.log"), ServerOutput);
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

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Numi.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No folder containing Numi.sln above '{AppContext.BaseDirectory}'.");
    }

    /// <summary>Debug or Release, read from this assembly's own output path (…/bin/&lt;Configuration&gt;/net10.0/).</summary>
    private static string OwnConfiguration()
    {
        var tfmDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfmDirectory.Parent?.Name;
        return configuration is "Debug" or "Release"
            ? configuration
            : throw new InvalidOperationException($"Cannot tell Debug or Release from the output path '{AppContext.BaseDirectory}'.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

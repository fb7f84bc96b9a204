using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Numi.Web.Tests.Infrastructure;

/// <summary>A real Numi node: <c>dotnet Numi.Web.dll</c> in a process of its own (own Quartz scheduler, own pid) with the
/// given settings, healthy before it is returned. Several share one database to test what production's web nodes do;
/// the browser tests (e2e, which link this file) drive one.</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int ProcessId => _process.Id;

    /// <summary>From the process's start to the first 200 of <c>GET /health</c>.</summary>
    public TimeSpan StartupToHealthy { get; private set; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <param name="settings">Environment settings (<c>Section__Key</c>), on top of Development with the demo off.</param>
    /// <param name="port">The loopback port to listen on; a free one when not given.</param>
    public static async Task<NodeProcess> StartAsync(IReadOnlyDictionary<string, string> settings, int? port = null)
    {
        var (dll, webDirectory) = WebAssembly();
        port ??= FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = webDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { dll, "--contentRoot", webDirectory, "--urls", $"http://127.0.0.1:{port}" }) start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Numi__Demo__Enabled"] = "false";
        foreach (var (key, value) in settings) start.Environment[key] = value;

        var node = new NodeProcess(new Process { StartInfo = start }, new Uri($"http://127.0.0.1:{port}/"));
        node._process.OutputDataReceived += (_, e) => node.Append(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        node._process.Start();
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        try
        {
            await node.WaitHealthyAsync();
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        string? lastProblem = null;
        while (clock.Elapsed < HealthTimeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The node exited with {_process.ExitCode} before it was healthy:\n{Output}");
            try
            {
                using var response = await http.GetAsync("health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    StartupToHealthy = clock.Elapsed;
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
        throw new TimeoutException($"The node on {BaseUrl} was not healthy within {HealthTimeout.TotalSeconds} s (last: {lastProblem}):\n{Output}");
    }

    public async ValueTask DisposeAsync()
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
            // Already gone, or slow to go: the test's database is dropped either way.
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>Numi.Web's own build output (its runtimeconfig and deps sit there), in this test build's configuration;
    /// or, when <c>NUMI_WEB_PUBLISHED</c> names a folder, the app published there (<c>dotnet publish -c Release</c>: the
    /// trimmed, optimized WebAssembly merchants get; see bench/offer-canvas-release.sh, bench/funnel-canvas-release.sh).</summary>
    private static (string Dll, string WebDirectory) WebAssembly()
    {
        if (Environment.GetEnvironmentVariable("NUMI_WEB_PUBLISHED") is { Length: > 0 } folder)
        {
            var published = Path.GetFullPath(folder);
            return File.Exists(Path.Combine(published, "Numi.Web.dll"))
                ? (Path.Combine(published, "Numi.Web.dll"), published)
                : throw new InvalidOperationException($"NUMI_WEB_PUBLISHED names '{published}', which holds no Numi.Web.dll: publish Numi.Web there first.");
        }
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name; // …/bin/<Configuration>/net10.0/
        for (var directory = here; directory is not null; directory = directory.Parent)
        {
            if (!File.Exists(Path.Combine(directory.FullName, "Numi.sln"))) continue;
            var web = Path.Combine(directory.FullName, "Numi.Web");
            return (Path.Combine(web, "bin", configuration, "net10.0", "Numi.Web.dll"), web);
        }
        throw new InvalidOperationException($"No folder containing Numi.sln above '{AppContext.BaseDirectory}'.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

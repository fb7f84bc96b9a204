using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Tests.Infrastructure;

/// <summary>The whole web app in memory on its own SQLite file in a fresh temp folder, jobs and demo off.</summary>
public class NumiFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.test";

    /// <summary>The origin emailed links and the API's checkout <c>url</c> start with.</summary>
    public const string PublicUrl = "http://localhost";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "numi-web-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Where this app keeps its SQLite file, mail and keys.</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>What the app logged, from the levels its configuration lets through.</summary>
    public CapturedLogs Logs { get; } = new();

    protected virtual IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("Numi:DataDirectory", _dataDirectory),
        new("Numi:Jobs:Enabled", "false"),
        new("Numi:Demo:Enabled", "false"),
        new("Numi:PlatformAdmins:0", AdminEmail),
        new("Numi:PublicUrl", PublicUrl),
        // Every test signs in from the same (unknown) address: the throttle has tests of its own with small limits.
        new("Numi:SignIn:AttemptsPerAddress", "100000"),
        new("Numi:SignIn:AttemptsPerAccount", "100000"),
        // Likewise every shopper: the checkout's limits have tests of their own (CheckoutLimitsTests).
        new("Checkout:Limits:SessionsPerAddress", "100000"),
        new("Checkout:Limits:PaymentsPerAddress", "100000"),
        // Likewise every API key: the API's limit has tests of its own (ApiRateLimitTests), and a test making a customer's
        // history through the API must not depend on the machine's speed.
        new("Numi:Api:RequestsPerSecond", "100000"),
    ];

    protected virtual string EnvironmentName => "Development";

    /// <summary>The first address the server says it listens on (the in-memory one reports the configured URLs).</summary>
    public string ListeningAddress => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in Settings()) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    /// <param name="baseAddress">Where requests go, e.g. <c>http://evil.example</c> to send that Host header.</param>
    public Browser CreateBrowser(Uri? baseAddress = null) => new(CreateClient(BrowserOptions(handleCookies: true, baseAddress)));

    public HttpClient CreateApiClient(string? secret, Uri? baseAddress = null)
    {
        var client = CreateClient(BrowserOptions(handleCookies: false, baseAddress));
        if (secret is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        return client;
    }

    private static WebApplicationFactoryClientOptions BrowserOptions(bool handleCookies, Uri? baseAddress)
    {
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = handleCookies };
        if (baseAddress is not null) options.BaseAddress = baseAddress;
        return options;
    }

    /// <summary>Runs <paramref name="work"/> with a fresh DbContext (no organization selected: use IgnoreQueryFilters).</summary>
    public async Task<T> WithDbAsync<T>(Func<NumiDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<NumiDbContext>());
    }

    public Task WithDbAsync(Func<NumiDbContext, Task> work) => WithDbAsync<bool>(async db => { await work(db); return true; });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        GC.SuppressFinalize(this);
    }
}

/// <summary>Most tests share one app; they run one after another and each works in its own organization.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<NumiFactory>
{
    public const string Name = "app";
}

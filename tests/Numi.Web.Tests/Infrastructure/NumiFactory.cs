using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Tests.Infrastructure;

/// <summary>The whole web app in memory on its own SQLite file in a fresh temp folder, jobs and demo off.</summary>
public class NumiFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.test";

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
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in Settings()) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public Browser CreateBrowser() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public HttpClient CreateApiClient(string? secret)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (secret is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        return client;
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

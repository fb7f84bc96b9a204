using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Numi.Bench.Renewals;
using Numi.Core;
using Numi.Core.Invoices;
using Numi.Infrastructure;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;
using Numi.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Numi.Web.Tests.Billing;

/// <summary>Issue 13's "on two nodes the same holds": two real Numi processes on one PostgreSQL database, Quartz
/// clustered, renewing every second. Every due subscription is renewed once: one invoice for its period, paid by one
/// attempt (one charge), and the cluster knew both schedulers.</summary>
public sealed class TwoNodeRenewalTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Due = 300;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    /// <summary>The renewal job opens each invoice with its first attempt due at once, so the retry job may make that
    /// attempt first: each payment is one job's success, whichever job made it.</summary>
    private static readonly string[] Billing = [RenewSubscriptionsJob.Key.Name, RetryInvoicePaymentsJob.Key.Name];
    private readonly string _admin = Environment.GetEnvironmentVariable(PostgresNumiFactory.Variable)
        ?? throw new InvalidOperationException($"{PostgresNumiFactory.Variable} is not set (test.sh starts a cluster and sets it).");
    private readonly string _database = "numi_two_nodes_" + Guid.NewGuid().ToString("N");
    private ServiceProvider _services = default!;

    private string ConnectionString => new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString;

    public async Task InitializeAsync()
    {
        await AdminAsync($"CREATE DATABASE \"{_database}\"");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Numi"] = ConnectionString,
            ["Numi:DataDirectory"] = Path.Combine(Path.GetTempPath(), _database),
            ["Numi:Jobs:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCore();
        services.AddInfrastructure(configuration);
        _services = services.BuildServiceProvider();
        await _services.MigrateNumiDatabaseAsync();
    }

    [Fact]
    public async Task Two_clustered_nodes_renew_every_due_subscription_once()
    {
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Numi"] = ConnectionString,
            ["Numi__Jobs__Enabled"] = "true",
            ["Numi__Jobs__RenewalInterval"] = "00:00:01",
            ["Numi__Jobs__InvoiceRetryInterval"] = "00:00:01",
        };
        await using var first = await NodeProcess.StartAsync(WithData(settings, "a"));
        await using var second = await NodeProcess.StartAsync(WithData(settings, "b"));
        // Due only once both nodes run, so that both find them.
        await using (var scope = _services.CreateAsyncScope())
            await DueSubscriptions.SeedAsync(scope.ServiceProvider.GetRequiredService<NumiDbContext>(), Due, DateTime.UtcNow);

        var renewed = await WaitAsync(db => db.Invoices.IgnoreQueryFilters().CountAsync(i => i.Status == InvoiceStatus.Paid), Due);
        // A run writes its record when it finishes: the last one may still be going when the last invoice is paid.
        await WaitAsync(db => db.JobRuns.Where(r => Billing.Contains(r.JobName)).SumAsync(r => r.Succeeded), Due);
        var schedulers = await ScalarAsync("SELECT COUNT(DISTINCT instance_name) FROM qrtz_scheduler_state");
        Assert.True(renewed == Due, $"{renewed} of {Due} renewals paid in {Deadline.TotalSeconds} s.\n--- node A ---\n{first.Output}\n--- node B ---\n{second.Output}");
        Assert.Equal(2, schedulers);

        await using var check = _services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<NumiDbContext>();
        var invoices = await db.Invoices.IgnoreQueryFilters().AsNoTracking()
            .Select(i => new { i.SubscriptionId, i.PeriodStart, i.Status, i.AttemptCount, i.PaymentIntentId }).ToListAsync();
        Assert.Equal(Due, invoices.Count);
        Assert.Equal(Due, invoices.Select(i => i.SubscriptionId).Distinct().Count());
        Assert.All(invoices, i => Assert.Equal((InvoiceStatus.Paid, 1), (i.Status, i.AttemptCount)));
        Assert.Equal(Due, invoices.Select(i => i.PaymentIntentId).Distinct().Count());
        var periods = await db.Subscriptions.IgnoreQueryFilters().AsNoTracking().Select(s => s.CurrentPeriodStart).ToListAsync();
        Assert.All(periods, start => Assert.InRange(start, DateTime.UtcNow.AddDays(-1), DateTime.UtcNow));

        var runs = await db.JobRuns.AsNoTracking().Where(r => Billing.Contains(r.JobName)).ToListAsync();
        // Which node renewed how many: each trigger fires on one node at a time, so the split varies from run to run.
        foreach (var node in runs.GroupBy(r => r.Node))
            output.WriteLine($"{node.Key}: {node.Count()} runs, paid {node.Sum(r => r.Succeeded)}, skipped {node.Sum(r => r.Skipped)}");
        Assert.Equal(Due, runs.Sum(r => r.Succeeded));
        Assert.Equal(0, runs.Sum(r => r.Failed));
    }

    private static Dictionary<string, string> WithData(Dictionary<string, string> settings, string node) =>
        new(settings) { ["Numi__DataDirectory"] = Path.Combine(Path.GetTempPath(), "numi-node-" + node + "-" + Guid.NewGuid().ToString("N")[..8]) };

    private async Task<int> WaitAsync(Func<NumiDbContext, Task<int>> count, int target)
    {
        var deadline = DateTime.UtcNow + Deadline;
        int seen;
        do
        {
            await Task.Delay(500);
            await using var scope = _services.CreateAsyncScope();
            seen = await count(scope.ServiceProvider.GetRequiredService<NumiDbContext>());
        } while (seen < target && DateTime.UtcNow < deadline);
        return seen;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
    }
}

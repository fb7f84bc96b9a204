using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Core.Funnels.Analytics;
using Numi.Core.Organizations;
using Numi.Infrastructure.Demo;
using Numi.Infrastructure.Persistence;
using static Numi.Bench.PatternAnalysisRun;

namespace Numi.Bench;

/// <summary>Funnel analytics over a large event table on SQLite: seeds one funnel with <c>events</c> rows (raw prepared
/// inserts in one transaction), then times <see cref="ReadFunnelAnalyticsHandler"/> cold (the first query of a fresh
/// service provider and connection pool, EF's query compilation included) and warm, with the indexes of the Funnels
/// migration and then with one covering index added. Also times the demo's traffic (<see cref="DemoTraffic"/>).</summary>
internal static class FunnelAnalyticsRun
{
    private const int WarmRuns = 7;
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);

    public static async Task RunAsync(int events)
    {
        var folder = Directory.CreateTempSubdirectory("numi-funnel-analytics-");
        var file = Path.Combine(folder.FullName, "numi.db");
        ServiceProvider Provider() => Services(folder, file);

        var (organizationId, funnel) = await CreateFunnelAsync(Provider());
        var seeding = Stopwatch.StartNew();
        var sessions = await SeedAsync($"Data Source={file}", organizationId, funnel, events);
        Console.WriteLine($"seeded {events:N0} events of {sessions:N0} sessions in {seeding.Elapsed.TotalSeconds:F1} s ({new FileInfo(file).Length / 1048576.0:F0} MB)");

        await MeasureAsync(Provider, organizationId, funnel.FunnelId, "migration's indexes");
        await ExecuteAsync(file, "CREATE INDEX IX_bench_funnel_events_covering ON funnel_events (FunnelId, OccurredAt, Kind, StepKey, VariantKey, FunnelSessionId, AmountMinor, Currency); ANALYZE;");
        await MeasureAsync(Provider, organizationId, funnel.FunnelId, "plus (FunnelId, OccurredAt, Kind, StepKey, VariantKey, FunnelSessionId, AmountMinor, Currency)");

        await using (var provider = Provider())
        await using (var scope = provider.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Tenant>().Enter(organizationId, "", "");
            var demo = await CreateFunnelAsync(provider, organizationId, "demo");
            var watch = Stopwatch.StartNew();
            await DemoTraffic.RecordAsync(scope.ServiceProvider.GetRequiredService<NumiDbContext>(), organizationId, demo.Funnel,
                new DemoFunnel.Amounts([2400, 2600, 2500], 2900, 600), Now, default);
            Console.WriteLine($"demo traffic ({DemoTraffic.Sessions:N0} sessions, EF batched inserts): {watch.ElapsedMilliseconds} ms");
        }
        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    private static async Task MeasureAsync(Func<ServiceProvider> provider, Guid organizationId, Guid funnelId, string label)
    {
        SqliteConnection.ClearAllPools();
        await using var services = provider();
        async Task<(double Ms, FunnelStatsSummary Stats)> TimeAsync()
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Tenant>().Enter(organizationId, "", "");
            var handler = scope.ServiceProvider.GetRequiredService<ReadFunnelAnalyticsHandler>();
            var watch = Stopwatch.StartNew();
            var stats = (await handler.HandleAsync(new ReadFunnelAnalytics(funnelId, DateOnly.FromDateTime(Now).AddDays(-29), DateOnly.FromDateTime(Now).AddDays(1)), default)).Value;
            return (watch.Elapsed.TotalMilliseconds, new(stats.Visitors, stats.Orders, stats.Steps.Count, stats.Steps[0].Variants.Count));
        }
        var cold = await TimeAsync();
        var warm = new List<double>();
        for (var i = 0; i < WarmRuns; i++) warm.Add((await TimeAsync()).Ms);
        warm.Sort();
        Console.WriteLine($"{label}: cold {cold.Ms:F0} ms, warm median {warm[WarmRuns / 2]:F0} ms (min {warm[0]:F0}, max {warm[^1]:F0}); {cold.Stats}");
    }

    private sealed record FunnelStatsSummary(long Visitors, long Orders, int Steps, int LandingArms);

    private static async Task<(Guid OrganizationId, DemoFunnel.Built Funnel)> CreateFunnelAsync(ServiceProvider provider)
    {
        await using (var scope = provider.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<NumiDbContext>().Database.MigrateAsync();
        var organization = Organization.Create("Bench Coffee", "bench", "usd", "UTC", Now);
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NumiDbContext>();
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
        }
        var created = await CreateFunnelAsync(provider, organization.Id, "bench");
        await provider.DisposeAsync();
        return (organization.Id, created.Funnel);
    }

    /// <summary>A six-step draft (landing, selection, checkout, upsell, downsell, thank-you) and a version of it: the
    /// analytics read the steps' order and names from the version.</summary>
    private static async Task<(Funnel Entity, DemoFunnel.Built Funnel)> CreateFunnelAsync(ServiceProvider provider, Guid organizationId, string slug)
    {
        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Tenant>().Enter(organizationId, "", "");
        var db = scope.ServiceProvider.GetRequiredService<NumiDbContext>();
        var funnel = Funnel.Create(organizationId, "Coffee " + slug, slug, Now);
        foreach (var type in new[] { FunnelStepType.Landing, FunnelStepType.ProductSelection, FunnelStepType.Checkout, FunnelStepType.Upsell,
                     FunnelStepType.Downsell, FunnelStepType.ThankYou })
            _ = funnel.AddStep(type, null, null).Value;
        var version = FunnelVersion.Create(funnel, 1, funnel.Snapshot(), Now);
        db.Funnels.Add(funnel);
        db.FunnelVersions.Add(version);
        await db.SaveChangesAsync();
        return (funnel, new DemoFunnel.Built(funnel.Id, version.Id, [.. funnel.OrderedSteps.Select(s => s.Key)], "b"));
    }

    /// <summary>Sessions walking the funnel as the demo's do (most leave on the landing), until <paramref name="events"/>
    /// rows are written, spread over the last 30 days.</summary>
    private static async Task<int> SeedAsync(string connectionString, Guid organizationId, DemoFunnel.Built funnel, int events)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var session = await InsertAsync(connection, transaction, "funnel_sessions", "Id", "OrganizationId", "FunnelId", "FunnelVersionId", "VisitorId",
            "CurrentStepKey", "Variants", "Status", "StartedAt", "UpdatedAt");
        var insert = await InsertAsync(connection, transaction, "funnel_events", "Id", "OrganizationId", "FunnelId", "FunnelVersionId", "FunnelSessionId",
            "StepKey", "VariantKey", "Kind", "AmountMinor", "Currency", "OccurredAt");
        var random = new Random(14);
        var (written, sessions) = (0, 0);
        while (written < events)
        {
            var (id, at) = (Guid.CreateVersion7(), Now.AddMinutes(-random.Next(10, 30 * 24 * 60)));
            var arm = random.Next(2) == 0 ? "control" : "b";
            Set(session, id, organizationId, funnel.FunnelId, funnel.VersionId, $"bench-{sessions++}", funnel.StepKeys[0], "{}", "Active", Stamp(at), Stamp(at));
            await session.ExecuteNonQueryAsync();
            async Task<bool> Event(int step, string kind, object variant, object amount)
            {
                if (written >= events) return false;
                at = at.AddSeconds(random.Next(5, 90));
                Set(insert, Guid.CreateVersion7(), organizationId, funnel.FunnelId, funnel.VersionId, id, funnel.StepKeys[step], variant, kind, amount,
                    amount is DBNull ? DBNull.Value : "usd", Stamp(at));
                await insert.ExecuteNonQueryAsync();
                written++;
                return true;
            }
            var none = DBNull.Value;
            if (!await Event(0, "StepViewed", arm, none) || random.NextDouble() > (arm == "b" ? 0.5 : 0.42)) continue;
            if (!await Event(0, "StepCompleted", arm, none) || !await Event(1, "StepViewed", none, none) || random.NextDouble() > 0.72) continue;
            if (!await Event(1, "StepCompleted", none, none) || !await Event(2, "StepViewed", none, none) || random.NextDouble() > 0.85) continue;
            if (!await Event(2, "CheckoutStarted", none, none) || random.NextDouble() > 0.55) continue;
            if (!await Event(2, "OrderCompleted", none, 2400L) || !await Event(2, "StepCompleted", none, none) || !await Event(3, "StepViewed", none, none)) continue;
            if (random.NextDouble() < 0.25) { if (!await Event(3, "UpsellAccepted", none, 2900L)) continue; }
            else if (!await Event(3, "UpsellDeclined", none, none) || !await Event(4, "StepViewed", none, none)) continue;
            await Event(5, "StepViewed", none, none);
        }
        await transaction.CommitAsync();
        return sessions;
    }

    private static async Task ExecuteAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

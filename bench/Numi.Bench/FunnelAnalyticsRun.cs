using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Core.Funnels.Analytics;
using Numi.Core.Organizations;
using Numi.Infrastructure.Demo;
using Numi.Infrastructure.Funnels;
using Numi.Infrastructure.Persistence;
using static Numi.Bench.PatternAnalysisRun;

namespace Numi.Bench;

/// <summary>Funnel analytics over a large event table on SQLite: seeds one funnel with <c>events</c> rows (raw prepared
/// inserts in one transaction), fills the rollup from them (<see cref="FunnelRollupBackfill"/>, the writer's rules),
/// then times <see cref="ReadFunnelAnalyticsHandler"/> cold (the first query of a fresh service provider and connection
/// pool, EF's query compilation included) and warm, then the cost of storing a batch of 500 events with and without the
/// rollup (<see cref="FunnelBatchCost"/>), and last the demo's traffic (<see cref="DemoTraffic"/>).</summary>
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

        await using (var provider = Provider())
        await using (var scope = provider.CreateAsyncScope())
        {
            var filling = Stopwatch.StartNew();
            var filled = await FunnelRollupBackfill.FillAsync(scope.ServiceProvider.GetRequiredService<NumiDbContext>(), default);
            Console.WriteLine($"rollup filled from the events of {filled:N0} sessions in {filling.Elapsed.TotalSeconds:F1} s " +
                $"({new FileInfo(file).Length / 1048576.0:F0} MB)");
        }
        await MeasureAsync(Provider, organizationId, funnel.FunnelId, "analytics from the rollup");
        await FunnelBatchCost.MeasureAsync(Provider, organizationId, funnel, Now);

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

    /// <summary>Sessions walking the funnel (<see cref="FunnelWalks"/>) until <paramref name="events"/> rows are
    /// written, spread over the last 30 days: raw prepared inserts of the events alone, as a database whose events
    /// predate the rollup holds them.</summary>
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
            var walk = FunnelWalks.Next(random, organizationId, funnel, Now.AddMinutes(-random.Next(10, 30 * 24 * 60)));
            Set(session, walk.SessionId, organizationId, funnel.FunnelId, funnel.VersionId, $"bench-{sessions++}", funnel.StepKeys[0], "{}", "Active",
                Stamp(walk.StartedAt), Stamp(walk.StartedAt));
            await session.ExecuteNonQueryAsync();
            foreach (var e in walk.Events.Take(events - written))
            {
                Set(insert, Guid.CreateVersion7(), organizationId, funnel.FunnelId, funnel.VersionId, walk.SessionId, e.StepKey,
                    (object?)e.VariantKey ?? DBNull.Value, EfFunnelEventStore.KindOf(e.Kind).ToString(), (object?)e.AmountMinor ?? DBNull.Value,
                    (object?)e.Currency ?? DBNull.Value, Stamp(e.OccurredAt));
                await insert.ExecuteNonQueryAsync();
                written++;
            }
        }
        await transaction.CommitAsync();
        return sessions;
    }
}

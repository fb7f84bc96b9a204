using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Numi.Infrastructure.Funnels;

namespace Numi.Infrastructure.Persistence;

public static class DatabaseStartup
{
    /// <summary>Applies pending migrations (EF takes a database lock while migrating, so several nodes starting
    /// together on PostgreSQL do not race), then fills the funnel analytics' rollup from older events if it is empty
    /// (<see cref="FunnelRollupBackfill"/>).</summary>
    public static async Task MigrateNumiDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        Directory.CreateDirectory(options.DataDirectory);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NumiDbContext>();
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets readers (pages, Quartz) work while a writer commits.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync(ct);
        var filled = await FunnelRollupBackfill.FillAsync(db, ct);
        if (filled > 0)
        {
            services.GetService<ILoggerFactory>()?.CreateLogger(typeof(DatabaseStartup).FullName!)
                .LogInformation("Filled the funnel analytics' rollup from the stored events of {Sessions} sessions", filled);
        }
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Persistence;

/// <summary>The write-ahead log copied into the database file in the background (<see cref="SqliteCheckpoints"/>), not by
/// the commits of the connections EF opens, which only checkpoint past the backstop.</summary>
public sealed class SqliteCheckpointsTests
{
    private static async Task<TestDatabase> WalDatabaseAsync()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        return database;
    }

    /// <summary>Enough organizations to need pages the database file does not have yet.</summary>
    private static async Task WriteAsync(TestDatabase database, string prefix)
    {
        await using var db = database.CreateContext();
        for (var i = 0; i < 300; i++)
            db.Organizations.Add(Core.Organizations.Organization.Create($"{prefix} {i} {new string('x', 200)}", $"{prefix}-{i}", "usd", "UTC", TwoOrganizations.Now));
        await db.SaveChangesAsync();
    }

    private static long FileLength(TestDatabase database) => new FileInfo(Path.Combine(database.DataDirectory, "numi.db")).Length;

    [Fact]
    public async Task A_pass_copies_the_log_into_the_database_file()
    {
        await using var database = await WalDatabaseAsync();
        var checkpoints = new SqliteCheckpoints(database.Options, NullLogger<SqliteCheckpoints>.Instance);
        checkpoints.Run();
        var before = FileLength(database);
        await WriteAsync(database, "copied");

        // Below the backstop the commit left everything in the log.
        Assert.Equal(before, FileLength(database));
        var pass = checkpoints.Run();

        Assert.False(pass.Incomplete);
        Assert.True(pass.LogPages > 0, "the writes should have been in the log");
        Assert.Equal(pass.LogPages, pass.CopiedPages);
        Assert.True(FileLength(database) > before, "the database file should have the new pages once copied");
    }

    [Fact]
    public async Task The_service_checkpoints_on_its_own_while_it_runs()
    {
        await using var database = await WalDatabaseAsync();
        using var service = new SqliteCheckpoints(database.Options, NullLogger<SqliteCheckpoints>.Instance);
        service.Run();
        var before = FileLength(database);
        await service.StartAsync(CancellationToken.None);
        try
        {
            await WriteAsync(database, "background");
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (FileLength(database) == before && waited.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);

            Assert.True(FileLength(database) > before, "the running service should have copied the log into the file");
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_pass_on_a_removed_database_fails_without_creating_the_file_again()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var file = Path.Combine(database.DataDirectory, "numi.db");
        Assert.False(File.Exists(file));

        Assert.Throws<SqliteException>(() => new SqliteCheckpoints(database.Options, NullLogger<SqliteCheckpoints>.Instance).Run());
        Assert.False(File.Exists(file));
    }
}

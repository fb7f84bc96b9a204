using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Persistence;

/// <summary>SQLite as the app sets it up (<see cref="SqliteConnectionSetup"/>, <see cref="DatabaseStartup"/>): the file
/// in write-ahead-log mode, and every connection EF opens, pooled or new, with a busy timeout, synchronous=NORMAL,
/// temporary storage in memory, no memory map, and SQLite's own checkpoint only as a backstop.</summary>
public sealed class SqliteConnectionSetupTests
{
    private static async Task<string> PragmaAsync(DbConnection connection, string pragma)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public async Task Connections_the_app_opens_have_the_pragmas_and_the_file_is_in_wal_mode()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var sp = InfrastructureServices.Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Numi"] = database.ConnectionString,
            ["Numi:DataDirectory"] = database.DataDirectory,
            ["Numi:Jobs:Enabled"] = "false",
        });
        await sp.MigrateNumiDatabaseAsync();

        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NumiDbContext>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
        Assert.Equal("5000", await PragmaAsync(connection, "busy_timeout"));
        Assert.Equal("1", await PragmaAsync(connection, "synchronous")); // NORMAL
        Assert.Equal("2", await PragmaAsync(connection, "temp_store")); // MEMORY
        Assert.Equal("0", await PragmaAsync(connection, "mmap_size"));
        Assert.Equal(SqliteConnectionSetup.BackstopPages.ToString(System.Globalization.CultureInfo.InvariantCulture), await PragmaAsync(connection, "wal_autocheckpoint"));
        Assert.Equal("1", await PragmaAsync(connection, "foreign_keys"));
    }

    [Fact]
    public async Task A_pooled_connection_is_set_up_again_when_it_is_reopened()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.MigrateAsync();
        await using (var first = database.CreateContext())
        {
            await first.Database.OpenConnectionAsync();
            // What the webhook inbox does to its own connection, and any change a user of a connection may leave behind.
            await first.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL; PRAGMA busy_timeout=0; PRAGMA temp_store=FILE; PRAGMA mmap_size=1048576;");
        }

        await using var second = database.CreateContext();
        await second.Database.OpenConnectionAsync();

        Assert.Equal("1", await PragmaAsync(second.Database.GetDbConnection(), "synchronous"));
        Assert.Equal("5000", await PragmaAsync(second.Database.GetDbConnection(), "busy_timeout"));
        Assert.Equal("2", await PragmaAsync(second.Database.GetDbConnection(), "temp_store"));
        Assert.Equal("0", await PragmaAsync(second.Database.GetDbConnection(), "mmap_size"));
    }

    /// <summary>What lets the order's transaction leave out the organization's row lock on SQLite
    /// (<see cref="Core.Common.INumiDb.TransactionsLockTheDatabase"/>): a transaction EF begins holds the write lock
    /// before it has written anything, so a number read inside it cannot be taken by another writer meanwhile.</summary>
    [Fact]
    public async Task A_transaction_holds_the_write_lock_from_its_start()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.MigrateAsync();
        await using var holder = database.CreateContext();
        Assert.True(holder.TransactionsLockTheDatabase);
        await using var held = await holder.Database.BeginTransactionAsync();
        // Only a read inside it, as the order's transaction reads the customer and the number before its writes.
        await holder.Organizations.IgnoreQueryFilters().CountAsync();

        await AssertAWriterWaitsForAsync(database, held, "a transaction that has only read should already hold the write lock");
    }

    [Fact]
    public async Task A_writer_waits_for_another_writers_transaction_instead_of_failing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.MigrateAsync();
        await using var holder = database.CreateContext();
        await holder.Database.OpenConnectionAsync();
        await using var held = await holder.Database.BeginTransactionAsync();
        await holder.Database.ExecuteSqlRawAsync("UPDATE organizations SET Name = Name WHERE 0;");

        await AssertAWriterWaitsForAsync(database, held, "the second writer should wait for the first one's transaction");
    }

    /// <summary>A second context's insert waits while <paramref name="held"/> is open, and goes through once it commits.</summary>
    private static async Task AssertAWriterWaitsForAsync(TestDatabase database, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction held, string because)
    {
        await using var writer = database.CreateContext();
        writer.Organizations.Add(Core.Organizations.Organization.Create("Waits", "waits", "usd", "UTC", TwoOrganizations.Now));
        // Microsoft.Data.Sqlite runs synchronously underneath: the wait blocks the thread it runs on.
        var waiting = Task.Run(() => writer.SaveChangesAsync());
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted, because);
        await held.CommitAsync();

        Assert.Equal(1, await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}

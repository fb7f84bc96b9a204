using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Numi.Core.Common;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>A fresh, empty database of its own (a temp SQLite file or a new PostgreSQL database), dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "NUMI_TEST_POSTGRES";

    private readonly string? _adminConnectionString;
    private readonly string? _databaseName;

    private TestDatabase(DatabaseOptions options, string? adminConnectionString, string? databaseName)
    {
        Options = options;
        _adminConnectionString = adminConnectionString;
        _databaseName = databaseName;
    }

    public DatabaseOptions Options { get; }
    public DatabaseProvider Provider => Options.Provider;
    public string ConnectionString => Options.ConnectionString;
    /// <summary>The data folder (mail pickup, SQLite file); always a fresh temp folder.</summary>
    public string DataDirectory => Options.DataDirectory;

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var admin = provider == DatabaseProvider.Postgres ? AdminConnectionString() : null;
        var dataDirectory = Path.Combine(Path.GetTempPath(), "numi-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        if (admin is null)
        {
            var file = Path.Combine(dataDirectory, "numi.db");
            return new TestDatabase(new DatabaseOptions(provider, $"Data Source={file}", dataDirectory), null, null);
        }

        var name = "numi_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new TestDatabase(new DatabaseOptions(provider, connectionString, dataDirectory), admin, name);
    }

    /// <summary>PostgreSQL tests never skip: without the variable they fail and say why.</summary>
    public static string AdminConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(value))
            Assert.Fail($"{PostgresVariable} is not set. PostgreSQL tests need an admin connection string, e.g. " +
                        "\"Host=127.0.0.1;Port=55432;Username=postgres;Password=...;Database=postgres\" (test.sh starts a cluster and sets it).");
        return value!;
    }

    /// <summary>The provider's own context type (see <see cref="NumiDbContext"/>), as the app's DI makes it.</summary>
    public NumiDbContext CreateContext(ITenantContext? tenant = null, Action<DbContextOptionsBuilder>? configure = null) =>
        NumiDbContexts.Create(Options, tenant, configure);

    public async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_databaseName is not null)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
        }
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { /* a file still open on another platform; it is in the temp folder */ }
    }
}

using Npgsql;

namespace Numi.Web.Tests.Infrastructure;

/// <summary>The whole web app on a fresh PostgreSQL database of its own (created on the server that
/// <c>NUMI_TEST_POSTGRES</c> names, as test.sh sets it; dropped on dispose). Without the variable its tests fail and say
/// why: they never skip.</summary>
public class PostgresNumiFactory : NumiFactory
{
    public const string Variable = "NUMI_TEST_POSTGRES";

    private readonly string _admin;
    private readonly string _database = "numi_web_test_" + Guid.NewGuid().ToString("N");

    public PostgresNumiFactory()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
            Assert.Fail($"{Variable} is not set. PostgreSQL tests need an admin connection string, e.g. " +
                        "\"Host=127.0.0.1;Port=55432;Username=postgres;Password=...;Database=postgres\" (test.sh starts a cluster and sets it).");
        _admin = admin!;
        using var connection = new NpgsqlConnection(_admin);
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
        create.ExecuteNonQuery();
    }

    private string ConnectionString => new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString;

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        .. base.Settings(),
        new("Database:Provider", "Postgres"),
        new("ConnectionStrings:Numi", ConnectionString),
    ];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

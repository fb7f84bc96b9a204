using Npgsql;

namespace Numi.Infrastructure.Persistence;

/// <summary>Numi's PostgreSQL connections. EF opens and closes a pooled connection around every command outside a
/// transaction, and Npgsql resets a pooled connection with <c>DISCARD ALL</c> when it is opened again: one extra round
/// trip for each of a renewal's ~13 connection opens, over a third of its commands. Numi keeps no session state on a
/// connection (no SET, temp tables, advisory locks or prepared statements of its own), so the reset is skipped unless
/// the connection string asks for it.</summary>
public static class PostgresConnections
{
    public static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }
}

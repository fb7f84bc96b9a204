using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Numi.Infrastructure.Persistence;

/// <summary>Recognises the one failure a "check, then insert" use case may recover from: another request inserted the
/// same unique key (or primary key) first. Anything else (a NOT NULL or foreign-key violation, a deadlock, a lost
/// connection, a concurrency-token conflict) is not a race on a key and must not be turned into "already taken".</summary>
internal static class UniqueKeyRace
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;
    private const string PostgresUniqueViolation = "23505";

    public static bool Is(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException e => IsSqlite(e.SqliteErrorCode, e.SqliteExtendedErrorCode),
        PostgresException e => IsPostgres(e.SqlState),
        Microsoft.Data.SqlClient.SqlException e => IsSqlServer(e.Number),
        _ => false,
    };

    public static bool IsSqlite(int code, int extendedCode) =>
        code == SqliteConstraint && extendedCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey;

    public static bool IsPostgres(string sqlState) => sqlState == PostgresUniqueViolation;

    /// <summary>2601: a duplicate in a unique index; 2627: a duplicate in a unique or primary key constraint.</summary>
    public static bool IsSqlServer(int number) => number is 2601 or 2627;
}

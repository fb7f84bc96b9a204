using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;

namespace Numi.Infrastructure.Persistence;

// One context type per provider, only so that EF keeps one migration set and model snapshot for each
// (Migrations/Sqlite, Migrations/Postgres, Migrations/SqlServer): it picks migrations by the [DbContext] type
// they name. They add no sets and no behaviour beyond what their provider needs; code uses NumiDbContext.

/// <summary>The embedded default: a SQLite file in the data folder.</summary>
public sealed class SqliteNumiDbContext(DbContextOptions<SqliteNumiDbContext> options, ITenantContext? tenant = null)
    : NumiDbContext(options, tenant)
{
    /// <summary>SQLite has one writer at a time: writers of this file take turns (<see cref="SqliteWriteTurns"/>).</summary>
    public override Task<T> WriteInTurnAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken) =>
        Database.CurrentTransaction is null ? SqliteWriteTurns.RunAsync(Database.GetDbConnection().DataSource, write, cancellationToken) : write();

    /// <summary>Microsoft.Data.Sqlite begins a transaction (unless asked for a deferred one) with <c>BEGIN IMMEDIATE</c>,
    /// which takes the file's one write lock before the first statement.</summary>
    public override bool TransactionsLockTheDatabase => true;
}

/// <summary>PostgreSQL, for several nodes.</summary>
public sealed class PostgresNumiDbContext(DbContextOptions<PostgresNumiDbContext> options, ITenantContext? tenant = null)
    : NumiDbContext(options, tenant);

/// <summary>SQL Server. Its usual collations compare text without case (and some without accents), unlike SQLite and
/// PostgreSQL; every text column is pinned to a binary collation instead, so equality, unique indexes and
/// <c>Contains</c> behave as on the other two. Case-insensitive matching goes through normalized columns everywhere.</summary>
public sealed class SqlServerNumiDbContext(DbContextOptions<SqlServerNumiDbContext> options, ITenantContext? tenant = null)
    : NumiDbContext(options, tenant)
{
    public const string Collation = "Latin1_General_100_BIN2";

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        base.ConfigureConventions(configuration);
        configuration.Properties<string>().UseCollation(Collation);
    }
}

using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>Theory data: every database test runs on both providers.</summary>
public static class Providers
{
    public static TheoryData<DatabaseProvider> All => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    /// <summary>For checks that need no running database (model, migrations, generated SQL): SQL Server too, which
    /// cannot run on these machines.</summary>
    public static TheoryData<DatabaseProvider> Offline => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres, DatabaseProvider.SqlServer };
}

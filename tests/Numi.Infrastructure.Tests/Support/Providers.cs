using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>Theory data: every database test runs on both providers.</summary>
public static class Providers
{
    public static TheoryData<DatabaseProvider> All => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };
}

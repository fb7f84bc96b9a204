namespace Numi.Infrastructure.Tests.Support;

/// <summary>What the catalog and offer persistence tests share: a migrated database with two organizations seeded,
/// and a clock an hour after the seed.</summary>
internal static class SeededCatalog
{
    /// <summary>An hour after the seed, on a whole second so both providers store it exactly.</summary>
    public static FakeTimeProvider Clock() => new(new DateTimeOffset(TwoOrganizations.Now.AddHours(1), TimeSpan.Zero));

    public static async Task<TwoOrganizations> MigratedAsync(TestDatabase database)
    {
        await database.MigrateAsync();
        return await TwoOrganizations.SeedAsync(database);
    }
}

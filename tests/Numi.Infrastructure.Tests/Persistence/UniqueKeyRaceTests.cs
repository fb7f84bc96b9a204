using Microsoft.EntityFrameworkCore;
using Numi.Core.Customers;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Persistence;

/// <summary><see cref="Core.Common.INumiDb.IsUniqueKeyRace"/> against real failures of each engine that runs here: a
/// duplicate unique key or primary key is a race; a NOT NULL or foreign-key violation is not.</summary>
public sealed class UniqueKeyRaceTests
{
    private static readonly DateTime Now = TwoOrganizations.Now;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_duplicate_unique_key_is_a_race(DatabaseProvider provider)
    {
        await using var database = await MigratedAsync(provider);
        await SaveAsync(database, db => db.Organizations.Add(Organization.Create("First", "same-slug", "usd", "UTC", Now)));

        await using var db = database.CreateContext();
        db.Organizations.Add(Organization.Create("Second", "same-slug", "usd", "UTC", Now));
        Assert.True(db.IsUniqueKeyRace(await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync())));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_duplicate_primary_key_is_a_race(DatabaseProvider provider)
    {
        await using var database = await MigratedAsync(provider);
        var first = Organization.Create("First", "first", "usd", "UTC", Now);
        await SaveAsync(database, db => db.Organizations.Add(first));

        await using var db = database.CreateContext();
        var second = Organization.Create("Second", "second", "usd", "UTC", Now);
        db.Organizations.Add(second).Property(o => o.Id).CurrentValue = first.Id;
        Assert.True(db.IsUniqueKeyRace(await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync())));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_missing_required_value_is_not_a_race(DatabaseProvider provider)
    {
        await using var database = await MigratedAsync(provider);
        await using var db = database.CreateContext();
        db.Organizations.Add(Organization.Create("No currency", "no-currency", null!, "UTC", Now));
        Assert.False(db.IsUniqueKeyRace(await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync())));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_row_for_a_missing_organization_is_not_a_race(DatabaseProvider provider)
    {
        await using var database = await MigratedAsync(provider);
        await using var db = database.CreateContext();
        var orphan = Customer.Create("ada@example.com", "Ada", null, Now);
        orphan.OrganizationId = Guid.NewGuid();
        db.Customers.Add(orphan);
        var failure = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.NotNull(failure.InnerException);
        Assert.False(db.IsUniqueKeyRace(failure));
    }

    [Fact]
    public void A_failure_with_no_database_error_inside_is_not_a_race() =>
        Assert.False(UniqueKeyRace.Is(new DbUpdateException("no inner exception")));

    private static async Task<TestDatabase> MigratedAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        return database;
    }

    private static async Task SaveAsync(TestDatabase database, Action<NumiDbContext> change)
    {
        await using var db = database.CreateContext();
        change(db);
        await db.SaveChangesAsync();
    }
}

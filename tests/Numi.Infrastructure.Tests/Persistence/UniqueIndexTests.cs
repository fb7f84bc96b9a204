using Microsoft.EntityFrameworkCore;
using Numi.Core.Idempotency;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Persistence;

public sealed class UniqueIndexTests
{
    private static readonly DateTime Now = TwoOrganizations.Now;

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_organizations_cannot_share_a_slug(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        await using (var db = database.CreateContext())
        {
            db.Organizations.Add(Organization.Create("First", "same-slug", "usd", "UTC", Now));
            await db.SaveChangesAsync();
        }
        await using var second = database.CreateContext();
        second.Organizations.Add(Organization.Create("Second", "same-slug", "eur", "UTC", Now));
        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_idempotency_key_is_unique_within_an_organization(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);

        await using var db = database.CreateContext(new TestTenant(seeded.A.Id));
        db.IdempotencyRecords.Add(IdempotencyRecord.Start(seeded.A.Id, seeded.A.IdempotencyRecord.Key, "POST", "/api/v1/other", "hash2", Now));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Different_organizations_may_use_the_same_idempotency_key(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);

        // The seed already stored "same-key" for both A and B; a third key in B is fine too.
        await using var db = database.CreateContext();
        Assert.Equal(2, await db.IdempotencyRecords.IgnoreQueryFilters().CountAsync(r => r.Key == "same-key"));
        db.IdempotencyRecords.Add(IdempotencyRecord.Start(seeded.B.Id, "other-key", "POST", "/api/v1/products", "hash", Now));
        await db.SaveChangesAsync();
    }
}

using Microsoft.EntityFrameworkCore;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Persistence;

public sealed class MigrationTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Migrating_twice_is_a_no_op(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());
            await db.Database.MigrateAsync();
        }
        IReadOnlyList<string> before;
        await using (var db = database.CreateContext())
            before = await SchemaReader.ReadAsync(db, provider);

        await using (var db = database.CreateContext())
            await db.Database.MigrateAsync();

        await using var check = database.CreateContext();
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(check.Database.GetMigrations(), await check.Database.GetAppliedMigrationsAsync());
        Assert.Contains("20261122000000_Initial", await check.Database.GetAppliedMigrationsAsync());
        Assert.Equal(before, await SchemaReader.ReadAsync(check, provider));
    }
}

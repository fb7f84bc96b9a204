using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Persistence;

public sealed class TenancyTests
{
    private static readonly MethodInfo OwnersMethod =
        typeof(TenancyTests).GetMethod(nameof(OwnersOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Every entity type in the model that belongs to an organization.</summary>
    private static List<Type> OwnedTypes(NumiDbContext db) =>
        db.Model.GetEntityTypes().Select(e => e.ClrType).Where(t => typeof(IOrganizationOwned).IsAssignableFrom(t)).ToList();

    private static async Task<List<Guid>> OwnersOf<T>(NumiDbContext db, bool ignoreFilters) where T : class, IOrganizationOwned
    {
        IQueryable<T> query = db.Set<T>();
        if (ignoreFilters) query = query.IgnoreQueryFilters();
        return (await query.ToListAsync()).Select(row => row.OrganizationId).ToList();
    }

    private static Task<List<Guid>> Owners(NumiDbContext db, Type type, bool ignoreFilters = false) =>
        (Task<List<Guid>>)OwnersMethod.MakeGenericMethod(type).Invoke(null, [db, ignoreFilters])!;

    [Fact]
    public async Task Every_organization_owned_type_in_Core_is_mapped_with_a_query_filter()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.CreateContext();
        var coreTypes = typeof(IOrganizationOwned).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IOrganizationOwned).IsAssignableFrom(t)).ToList();
        Assert.NotEmpty(coreTypes);
        foreach (var type in coreTypes.Concat(OwnedTypes(db)).Append(typeof(Organization)).Distinct())
        {
            var entity = db.Model.FindEntityType(type);
            Assert.True(entity is not null, $"{type.Name} implements IOrganizationOwned but is not in NumiDbContext's model.");
            Assert.True(entity.GetDeclaredQueryFilters().Count > 0, $"{type.Name} has no tenant query filter.");
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_tenant_sees_only_its_own_rows(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        await using var db = database.CreateContext(new TestTenant(seeded.A.Id));

        foreach (var type in OwnedTypes(db))
        {
            // The seed must cover every owned type, or this test would prove nothing for a new one.
            var all = await Owners(db, type, ignoreFilters: true);
            Assert.True(all.Contains(seeded.A.Id) && all.Contains(seeded.B.Id), $"Seed both organizations with a {type.Name}.");

            var visible = await Owners(db, type);
            Assert.NotEmpty(visible);
            Assert.All(visible, owner => Assert.Equal(seeded.A.Id, owner));
        }
        Assert.Equal([seeded.A.Id], await db.Organizations.Select(o => o.Id).ToListAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Looking_up_another_tenants_row_by_id_finds_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        await using var db = database.CreateContext(new TestTenant(seeded.A.Id));
        var b = seeded.B;

        Assert.Null(await db.Organizations.FirstOrDefaultAsync(o => o.Id == b.Id));
        Assert.Null(await db.Memberships.FirstOrDefaultAsync(m => m.Id == b.Membership.Id));
        Assert.Null(await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == b.ApiKey.Id));
        Assert.Null(await db.ApiKeys.FirstOrDefaultAsync(k => k.SecretHash == b.ApiKey.SecretHash));
        Assert.Null(await db.Invitations.FirstOrDefaultAsync(i => i.Id == b.Invitation.Id));
        Assert.Null(await db.IdempotencyRecords.FirstOrDefaultAsync(r => r.Id == b.IdempotencyRecord.Id));
        Assert.Null(await db.Products.FirstOrDefaultAsync(p => p.Id == b.Product.Id));
        Assert.Null(await db.Products.FindAsync(b.Product.Id));

        // A's own rows are found the same way, so the lookups above are not empty for another reason.
        var a = seeded.A;
        Assert.NotNull(await db.Organizations.FirstOrDefaultAsync(o => o.Id == a.Id));
        Assert.NotNull(await db.Memberships.FirstOrDefaultAsync(m => m.Id == a.Membership.Id));
        Assert.NotNull(await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == a.ApiKey.Id));
        Assert.NotNull(await db.Invitations.FirstOrDefaultAsync(i => i.Id == a.Invitation.Id));
        Assert.NotNull(await db.IdempotencyRecords.FirstOrDefaultAsync(r => r.Id == a.IdempotencyRecord.Id));
        Assert.NotNull(await db.Products.FirstOrDefaultAsync(p => p.Id == a.Product.Id));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Without_a_tenant_nothing_is_visible(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        await TwoOrganizations.SeedAsync(database);

        foreach (var tenant in new ITenantContext?[] { null, new TestTenant(null) })
        {
            await using var db = database.CreateContext(tenant);
            Assert.Empty(await db.Organizations.ToListAsync());
            foreach (var type in OwnedTypes(db))
            {
                Assert.True((await Owners(db, type)).Count == 0, $"{type.Name} rows are visible without a tenant.");
                Assert.NotEmpty(await Owners(db, type, ignoreFilters: true));
            }
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_filter_follows_the_tenant_of_each_context(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);

        // Same model (cached), different tenants: each context must read its own.
        await using var a = database.CreateContext(new TestTenant(seeded.A.Id));
        await using var b = database.CreateContext(new TestTenant(seeded.B.Id));
        Assert.Equal(seeded.A.Product.Id, (await a.Products.SingleAsync()).Id);
        Assert.Equal(seeded.B.Product.Id, (await b.Products.SingleAsync()).Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_new_row_without_an_organization_gets_the_current_tenant(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);

        var product = Numi.Core.Catalog.Product.Create(Guid.Empty, "Stamped", null, TwoOrganizations.Now);
        await using (var db = database.CreateContext(new TestTenant(seeded.B.Id)))
        {
            db.Products.Add(product);
            await db.SaveChangesAsync();
        }
        Assert.Equal(seeded.B.Id, product.OrganizationId);

        await using var check = database.CreateContext();
        var stored = await check.Products.IgnoreQueryFilters().SingleAsync(p => p.Id == product.Id);
        Assert.Equal(seeded.B.Id, stored.OrganizationId);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_new_row_without_an_organization_and_no_tenant_is_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        await using var db = database.CreateContext();
        db.Products.Add(Numi.Core.Catalog.Product.Create(Guid.Empty, "Orphan", null, TwoOrganizations.Now));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Idempotency;
using Numi.Core.Invoices;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Invoices;
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

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_subscription_period_has_at_most_one_renewal_invoice_and_another_period_is_fine(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "club", PriceSchedule.Every(PriceInterval.Month), 1_000);
        var id = await RenewalSteps.SubscribeAsync(database, shop);
        var subscription = await RenewalSteps.SubscriptionAsync(database, shop, id);
        var start = subscription.CurrentPeriodEnd;
        var now = shop.Clock.Now;
        await using (var db = database.CreateContext(shop.Tenant))
        {
            db.Invoices.Add(Invoice.Draft(1, subscription, 2, start, start.AddMonths(1), null, null, now));
            await db.SaveChangesAsync();
        }

        // The same period again, under another number (so only the per-period index can refuse it): refused.
        await using (var db = database.CreateContext(shop.Tenant))
        {
            db.Invoices.Add(Invoice.Draft(2, subscription, 2, start, start.AddMonths(1), null, null, now));
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.True(UniqueKeyRace.Is(refused), refused.InnerException?.Message);
        }

        // The next period is fine.
        await using (var db = database.CreateContext(shop.Tenant))
        {
            db.Invoices.Add(Invoice.Draft(2, subscription, 3, start.AddMonths(1), start.AddMonths(2), null, null, now));
            await db.SaveChangesAsync();
        }
        await using (var db = database.CreateContext(shop.Tenant))
        {
            Assert.Equal([(2, start), (3, start.AddMonths(1))],
                (await db.Invoices.AsNoTracking().Where(i => i.SubscriptionId == id).OrderBy(i => i.Number).ToListAsync()).Select(i => (i.Cycle, i.PeriodStart)));
        }
    }
}

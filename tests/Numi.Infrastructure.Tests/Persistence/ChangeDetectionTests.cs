using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Numi.Core.Customers;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Persistence;

/// <summary>A save detects the changes made to tracked entities once (<see cref="NumiDbContext.SaveChangesAsync(bool, CancellationToken)"/>),
/// not once per reader of the tracked entries, and every reader still sees them: the organization stamp, the save
/// interceptors that evict caches, and the save itself.</summary>
public sealed class ChangeDetectionTests
{
    /// <summary>Records what a save touched, as the page caches' evictions see it.</summary>
    private sealed class Touched : AfterSaveInterceptor<string>
    {
        public List<string> Acted { get; } = [];

        protected override void Collect(EntityEntry entry, ISet<string> items)
        {
            if (entry.Entity is Customer customer) items.Add($"{customer.Email} {entry.State}");
        }

        protected override void Act(string item) => Acted.Add(item);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_save_detects_changes_once_and_the_stamp_the_interceptors_and_the_rows_see_them(DatabaseProvider provider)
    {
        var (database, seeded) = await TwoOrganizations.NewDatabaseAsync(provider);
        await using var _ = database;
        var touched = new Touched();
        var added = Customer.Create("new@alpha.example", "New", null, TwoOrganizations.Now);
        await using (var db = database.ContextWithInterceptor(new TestTenant(seeded.A.Id), touched))
        {
            var detections = 0;
            db.ChangeTracker.DetectingAllChanges += (_, _) => detections++;
            var existing = await db.Customers.SingleAsync(c => c.Id == seeded.A.Customer.Id);
            // Changed on the entity itself, not through its entry: only a detection finds it.
            existing.Seen("Renamed", "+1 555 0100", "pm_card_visa");
            db.Customers.Add(added);

            await db.SaveChangesAsync();

            Assert.Equal(1, detections);
            Assert.True(db.ChangeTracker.AutoDetectChangesEnabled);
            Assert.Equal(2, touched.Acted.Count);
            Assert.Contains($"{existing.Email} Modified", touched.Acted);
            Assert.Contains($"{added.Email} Added", touched.Acted);
        }

        await using var check = database.CreateContext(new TestTenant(seeded.A.Id));
        var saved = await check.Customers.AsNoTracking().SingleAsync(c => c.Id == seeded.A.Customer.Id);
        Assert.Equal(("Renamed", "+1 555 0100", "pm_card_visa"), (saved.Name, saved.Phone, saved.DefaultPaymentMethod));
        var stamped = await check.Customers.AsNoTracking().SingleAsync(c => c.Id == added.Id);
        Assert.Equal(seeded.A.Id, stamped.OrganizationId);
    }

    [Fact]
    public async Task A_caller_that_turned_detection_off_keeps_it_off_and_its_unreported_change_is_not_saved()
    {
        var (database, seeded) = await TwoOrganizations.NewDatabaseAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        var added = Customer.Create("stamped@alpha.example", null, null, TwoOrganizations.Now);
        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            var detections = 0;
            db.ChangeTracker.DetectingAllChanges += (_, _) => detections++;
            var existing = await db.Customers.SingleAsync(c => c.Id == seeded.A.Customer.Id);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            existing.Seen("Unreported", null, null);
            db.Customers.Add(added);

            await db.SaveChangesAsync();

            Assert.Equal(0, detections);
            Assert.False(db.ChangeTracker.AutoDetectChangesEnabled);
        }

        await using var check = database.CreateContext(new TestTenant(seeded.A.Id));
        Assert.NotEqual("Unreported", (await check.Customers.AsNoTracking().SingleAsync(c => c.Id == seeded.A.Customer.Id)).Name);
        // The stamp still reaches an added row without a detection: it is set through the row's entry.
        Assert.Equal(seeded.A.Id, (await check.Customers.AsNoTracking().SingleAsync(c => c.Id == added.Id)).OrganizationId);
    }

    [Fact]
    public async Task Detection_is_on_again_after_a_save_that_failed()
    {
        var (database, seeded) = await TwoOrganizations.NewDatabaseAsync(DatabaseProvider.Sqlite);
        await using var _ = database;
        await using var db = database.CreateContext(new TestTenant(seeded.A.Id));
        // The same email key as the seeded customer: the unique index refuses it.
        db.Customers.Add(Customer.Create(seeded.A.Customer.Email, null, null, TwoOrganizations.Now));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.True(db.ChangeTracker.AutoDetectChangesEnabled);
    }
}

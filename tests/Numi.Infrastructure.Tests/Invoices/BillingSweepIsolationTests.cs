using Microsoft.EntityFrameworkCore;
using Numi.Core.Invoices;
using Numi.Core.Subscriptions;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Invoices;

/// <summary>The billing jobs' sweeps cross organizations (AcrossTenants): each finds every organization's due rows,
/// each named with its own organization, and nothing that is not due.</summary>
public sealed class BillingSweepIsolationTests
{
    private static readonly DateTime Now = TwoOrganizations.Now.AddMonths(2);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Due_subscriptions_come_from_every_organization_but_only_active_ones_past_their_period(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        await using var db = database.CreateContext();
        await db.Subscriptions.IgnoreQueryFilters().Where(s => s.Id == seeded.B.Subscription.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubscriptionStatus.Paused));

        var due = await db.DueSubscriptionsAsync(Now, null, 10, default);

        var item = Assert.Single(due);
        Assert.Equal((seeded.A.Subscription.Id, seeded.A.Id, seeded.A.Organization.Name, seeded.A.Organization.Slug),
            (item.Id, item.OrganizationId, item.OrganizationName, item.OrganizationSlug));
        Assert.Empty(await db.DueSubscriptionsAsync(Now, item.Id, 10, default));
        Assert.Empty(await db.DueSubscriptionsAsync(TwoOrganizations.Now, null, 10, default));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Due_invoice_attempts_are_open_due_and_unclaimed_in_any_organization(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        await using var db = database.CreateContext();
        var invoices = db.Invoices.IgnoreQueryFilters();
        await invoices.ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, InvoiceStatus.Open).SetProperty(i => i.NextAttemptAt, Now.AddMinutes(-1)));
        var ofB = await invoices.Where(i => i.OrganizationId == seeded.B.Id).Select(i => i.Id).SingleAsync();
        await invoices.Where(i => i.Id == ofB).ExecuteUpdateAsync(u => u.SetProperty(i => i.ClaimedUntil, Now.AddMinutes(5)));

        var item = Assert.Single(await db.DueInvoiceAttemptsAsync(Now, null, 10, default));
        Assert.Equal(seeded.A.Id, item.OrganizationId);
        Assert.Equal(2, (await db.DueInvoiceAttemptsAsync(Now.AddMinutes(6), null, 10, default)).Count);
        Assert.Empty(await db.DueInvoiceAttemptsAsync(Now.AddMinutes(-2), null, 10, default));
    }
}

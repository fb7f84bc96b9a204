using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Catalog;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Invoices;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Subscriptions;

/// <summary>The trial reminder job over two organizations, on both providers: each trial ending within the lead gets
/// one email in its merchant's name, even from two runs at once; later trials wait for their day.</summary>
public sealed class TrialReminderJobTests
{
    private static readonly TimeSpan Lead = TimeSpan.FromDays(3);

    /// <summary>A subscriber of <paramref name="shop"/> whose trial (their current period) ends in <paramref name="endsIn"/>.</summary>
    private static async Task<Guid> TrialingAsync(TestDatabase database, CheckoutSteps shop, TimeSpan endsIn)
    {
        var id = await SubscribeAsync(database, shop);
        await using var db = database.CreateContext(shop.Tenant);
        await db.Subscriptions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Status, SubscriptionStatus.Trialing).SetProperty(s => s.CurrentPeriodEnd, shop.Clock.Now + endsIn));
        return id;
    }

    private static async Task<Core.Jobs.JobRun> RunAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await RemindTrialEndingJob.SpecFor(Lead).RunOnceAsync(scope.ServiceProvider.GetRequiredService<BillingSweep>(), default);
    }

    private static async Task<List<Core.Email.OutboxMessage>> MailAsync(TestDatabase database, CheckoutSteps shop)
    {
        await using var db = database.CreateContext(shop.Tenant);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.OrganizationId == shop.OrganizationId && m.Subject.Contains("trial"))
            .OrderBy(m => m.CreatedAt).ToListAsync();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_runs_at_once_remind_each_trial_ending_soon_once_in_its_merchants_name(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var monthly = PriceSchedule.Every(PriceInterval.Month);
        var club = await CheckoutSteps.NewShopAsync(database, "club", monthly, 1_000);
        var bakery = await CheckoutSteps.NewShopAsync(database, "bakery", monthly, 450);
        var soon = await TrialingAsync(database, club, TimeSpan.FromDays(2));
        var later = await TrialingAsync(database, club, TimeSpan.FromDays(5));
        await TrialingAsync(database, bakery, TimeSpan.FromDays(1));
        await SubscribeAsync(database, club);
        await using var services = BillingJobHost.Services(database, club.Clock);

        var runs = await Task.WhenAll(Task.Run(() => RunAsync(services)), Task.Run(() => RunAsync(services)));

        Assert.All(runs, r => Assert.Equal(("remind-trial-ending", 0), (r.JobName, r.Failed)));
        Assert.Equal(2, runs.Sum(r => r.Succeeded));
        var clubMail = Assert.Single(await MailAsync(database, club));
        var customer = (await SubscriptionAsync(database, club, soon)).CustomerId;
        await using (var db = database.CreateContext(club.Tenant))
            Assert.Equal(await db.Customers.Where(c => c.Id == customer).Select(c => c.Email).SingleAsync(), clubMail.To);
        var firstCharge = club.Clock.Now.AddDays(2).ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"Your club Inc trial ends on {firstCharge}", clubMail.Subject);
        Assert.Contains("charged $20.00", clubMail.TextBody);
        Assert.Contains($"{BillingJobHost.Origin}/portal/club", clubMail.TextBody);
        var bakeryMail = Assert.Single(await MailAsync(database, bakery));
        Assert.Contains("bakery Inc", bakeryMail.Subject);
        Assert.Contains("charged $9.00", bakeryMail.TextBody);
        Assert.NotNull((await SubscriptionAsync(database, club, soon)).TrialReminderSentAt);
        Assert.Null((await SubscriptionAsync(database, club, later)).TrialReminderSentAt);

        Assert.Equal(0, (await RunAsync(services)).Examined);
        club.Clock.Advance(TimeSpan.FromDays(2));
        var next = await RunAsync(services);

        Assert.Equal((1, 1), (next.Examined, next.Succeeded));
        Assert.Equal(2, (await MailAsync(database, club)).Count);
        Assert.Single(await MailAsync(database, bakery));
    }
}

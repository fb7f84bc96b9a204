using Numi.Core.Catalog;
using Numi.Core.Reporting;
using Numi.Contracts.Reporting;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Reporting;

/// <summary>The dashboard's figures on both providers: this month's orders by the clock the handler is given, active
/// subscriptions counted for real, and nothing of another organization.</summary>
public sealed class ReadDashboardTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task This_months_sales_and_active_subscriptions_are_counted_for_the_organization_only(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var club = await CheckoutSteps.NewShopAsync(database, "club", PriceSchedule.Every(PriceInterval.Month), 2_200);
        var other = await CheckoutSteps.NewShopAsync(database, "other", PriceSchedule.Every(PriceInterval.Month), 9_900);
        // One sale on the last day of last month (UTC is the shops' zone), two this month; the other shop sells too.
        club.Clock.UtcNow = new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero);
        Assert.True((await club.ConfirmAsync((await club.StartAsync()).Id, "old@example.com")).Succeeded);
        club.Clock.UtcNow = new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.Zero);
        Assert.True((await club.ConfirmAsync((await club.StartAsync()).Id, "ana@example.com")).Succeeded);
        Assert.True((await club.ConfirmAsync((await club.StartAsync(quantity: 2)).Id, "ben@example.com")).Succeeded);
        other.Clock.UtcNow = club.Clock.UtcNow;
        Assert.True((await other.ConfirmAsync((await other.StartAsync()).Id, "cy@example.com")).Succeeded);

        await using var db = database.CreateContext(club.Tenant);
        var figures = await new ReadDashboardHandler(db, new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 11, 0, 0, TimeSpan.Zero))).HandleAsync(default);
        var november = await new ReadDashboardHandler(db, new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero))).HandleAsync(default);

        Assert.Equal(new MonthRevenue("usd", 2, 2_200 + 4_400, 0), figures.Revenue);
        Assert.Equal(3, figures.ActiveSubscriptions);
        Assert.Equal(1, figures.Products);
        Assert.Equal(new MonthRevenue("usd", 3, 2_200 + 2_200 + 4_400, 0), november.Revenue);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Before_the_first_sale_there_is_no_revenue_and_no_subscription(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var club = await CheckoutSteps.NewShopAsync(database, "club", PriceSchedule.Every(PriceInterval.Month), 2_200);

        await using var db = database.CreateContext(club.Tenant);
        var figures = await new ReadDashboardHandler(db, club.Clock).HandleAsync(default);

        Assert.Null(figures.Revenue);
        Assert.Equal(0, figures.ActiveSubscriptions);
    }
}

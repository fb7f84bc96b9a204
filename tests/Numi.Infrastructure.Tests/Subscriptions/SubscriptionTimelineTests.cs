using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Subscriptions;

/// <summary>The merchant's actions on a subscription bought at checkout, saved and read back on both providers: the
/// status and the timeline change together, and another organization's subscription cannot be touched.</summary>
public sealed class SubscriptionTimelineTests
{
    private static ChangeSubscriptionHandler Handler(NumiDbContext db, ControllableClock clock) => new(db, new ChangeSubscriptionValidator(), clock);

    private static async Task<(CheckoutSteps Shop, Guid SubscriptionId)> SubscribedAsync(TestDatabase database)
    {
        var shop = await CheckoutSteps.NewShopAsync(database, "club", PriceSchedule.Every(PriceInterval.Month), 1_000);
        Assert.True((await shop.ConfirmAsync((await shop.StartAsync(quantity: 2)).Id, "ana@example.com")).Succeeded);
        await using var db = database.CreateContext(shop.Tenant);
        return (shop, await db.Subscriptions.Select(s => s.Id).SingleAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Each_action_is_saved_with_its_timeline_row_in_order(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id) = await SubscribedAsync(database);
        var actions = new ChangeSubscription[]
        {
            new(id, SubscriptionAction.Pause, "holiday"),
            new(id, SubscriptionAction.Resume),
            new(id, SubscriptionAction.ChangeQuantity, Quantity: 5),
            new(id, SubscriptionAction.Cancel, AtPeriodEnd: true),
            new(id, SubscriptionAction.UndoCancel),
            new(id, SubscriptionAction.Cancel, "too expensive"),
        };
        foreach (var action in actions)
        {
            shop.Clock.Advance(TimeSpan.FromMinutes(1));
            await using var db = database.CreateContext(shop.Tenant);
            Assert.True((await Handler(db, shop.Clock).HandleAsync(action, default)).Succeeded, action.Action.ToString());
        }

        await using var read = database.CreateContext(shop.Tenant);
        var subscription = await read.Subscriptions.AsNoTracking().SingleAsync();
        Assert.Equal((SubscriptionStatus.Canceled, 5, 5_000L, shop.Clock.Now), (subscription.Status, subscription.Quantity, subscription.Amount, subscription.EndedAt!.Value));
        var timeline = await read.SubscriptionEvents.AsNoTracking().Where(e => e.SubscriptionId == id).OrderBy(e => e.CreatedAt).ToListAsync();
        Assert.Equal([SubscriptionEventType.Paused, SubscriptionEventType.Resumed, SubscriptionEventType.QuantityChanged,
            SubscriptionEventType.CancelScheduled, SubscriptionEventType.CancelUndone, SubscriptionEventType.Canceled], timeline.Select(e => e.Type));
        Assert.Equal((SubscriptionStatus.Active, SubscriptionStatus.Paused, "holiday"), (timeline[0].FromStatus, timeline[0].ToStatus, timeline[0].Note));
        Assert.Equal("quantity 2 → 5", timeline[2].Detail);
        Assert.Equal((SubscriptionStatus.Active, SubscriptionStatus.Canceled, "too expensive"), (timeline[5].FromStatus, timeline[5].ToStatus, timeline[5].Note));
        Assert.All(timeline, e => Assert.Equal(shop.OrganizationId, e.OrganizationId));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_refused_transition_saves_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id) = await SubscribedAsync(database);
        await using var db = database.CreateContext(shop.Tenant);

        var result = await Handler(db, shop.Clock).HandleAsync(new ChangeSubscription(id, SubscriptionAction.Resume), default);

        Assert.Equal(ErrorCodes.StateConflict, result.FirstError.Code);
        await using var read = database.CreateContext(shop.Tenant);
        Assert.Equal(SubscriptionStatus.Active, (await read.Subscriptions.AsNoTracking().SingleAsync()).Status);
        Assert.Empty(await read.SubscriptionEvents.ToListAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Another_organizations_subscription_and_timeline_are_out_of_reach(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        var clock = new FakeTimeProvider(TwoOrganizations.Now);
        await using var db = database.CreateContext(new TestTenant(seeded.A.Id));

        var result = await Handler(db, clock).HandleAsync(new ChangeSubscription(seeded.B.Subscription.Id, SubscriptionAction.Cancel), default);

        Assert.Equal(ErrorCodes.ResourceMissing, result.FirstError.Code);
        Assert.Empty(await db.SubscriptionEvents.Where(e => e.SubscriptionId == seeded.B.Subscription.Id).ToListAsync());
        Assert.Single(await db.SubscriptionEvents.Where(e => e.SubscriptionId == seeded.A.Subscription.Id).ToListAsync());
        var other = await db.Subscriptions.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.Id == seeded.B.Subscription.Id);
        Assert.Equal(SubscriptionStatus.Active, other.Status);
    }
}

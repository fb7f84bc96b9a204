using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Dunning;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Subscriptions;

/// <summary>Plans on both providers: the settings come back whole, one plan per price holds, and another organization's
/// prices and plans are out of reach.</summary>
public sealed class PlanPersistenceTests
{
    private static readonly PlanSettings Edited = new(14, DunningCampaign.From(DunningPreset.Gentle),
        RetrySettings.Default with { Strategy = RetryStrategy.Fixed, FixedDays = [1, 3, 5], TimeZone = "America/Chicago", AfterLastRetry = AfterLastRetry.Cancel });

    private static CreatePlanHandler Create(NumiDbContext db, CheckoutSteps shop) => new(db, new PlanFieldsValidator(), shop.Clock);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_plan_and_its_settings_round_trip(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "club", PriceSchedule.Every(PriceInterval.Month), 2_200);
        await using (var db = database.CreateContext(shop.Tenant))
            Assert.True((await Create(db, shop).HandleAsync(new CreatePlan(shop.Price.Id, new PlanFields("Club monthly", Edited)), default)).Succeeded);

        await using var read = database.CreateContext(shop.Tenant);
        var plan = await read.Plans.AsNoTracking().SingleAsync();
        Assert.Equal((shop.Price.Id, "Club monthly", true, shop.OrganizationId), (plan.PriceId, plan.Name, plan.Active, plan.OrganizationId));
        Assert.Equal(14, plan.Settings.TrialDays);
        Assert.Equal(Edited.Campaign.Steps, plan.Settings.Campaign.Steps);
        Assert.Equal([1, 3, 5], plan.Settings.Retry.FixedDays!);
        Assert.Equal(Edited.Retry with { FixedDays = null }, plan.Settings.Retry with { FixedDays = null });
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_second_plan_for_one_price_is_a_conflict(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "club", PriceSchedule.Every(PriceInterval.Month), 2_200);
        await using var db = database.CreateContext(shop.Tenant);
        var first = await Create(db, shop).HandleAsync(new CreatePlan(shop.Price.Id, new PlanFields("One", PlanSettings.Default)), default);

        var second = await Create(db, shop).HandleAsync(new CreatePlan(shop.Price.Id, new PlanFields("Two", PlanSettings.Default)), default);

        Assert.True(first.Succeeded);
        Assert.Equal((ErrorCodes.StateConflict, "price"), (second.FirstError.Code, second.FirstError.Param));
        Assert.Equal(1, await db.Plans.CountAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_database_refuses_a_second_plan_for_one_price(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "club", PriceSchedule.Every(PriceInterval.Month), 2_200);
        await using var db = database.CreateContext(shop.Tenant);
        var price = await db.Prices.AsNoTracking().SingleAsync(p => p.Id == shop.Price.Id);
        db.Plans.Add(Plan.Create(price, new PlanFields("One", PlanSettings.Default), shop.Clock.Now));
        db.Plans.Add(Plan.Create(price, new PlanFields("Two", PlanSettings.Default), shop.Clock.Now));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Another_organizations_price_and_plan_are_not_found(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        var clock = new FakeTimeProvider(TwoOrganizations.Now);
        await using var db = database.CreateContext(new TestTenant(seeded.A.Id));
        var otherPrice = await db.Prices.IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.Id == seeded.B.Plan.PriceId);

        var created = await new CreatePlanHandler(db, new PlanFieldsValidator(), clock)
            .HandleAsync(new CreatePlan(otherPrice.Id, new PlanFields("Stolen", PlanSettings.Default)), default);
        var updated = await new UpdatePlanHandler(db, new PlanFieldsValidator(), clock)
            .HandleAsync(new UpdatePlan(seeded.B.Plan.Id, new PlanFields("Renamed", PlanSettings.Default)), default);
        var archived = await new ArchivePlanHandler(db, clock).HandleAsync(new ArchivePlan(seeded.B.Plan.Id), default);

        Assert.All([created, updated, archived], r => Assert.Equal(ErrorCodes.ResourceMissing, r.FirstError.Code));
        var untouched = await db.Plans.IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.Id == seeded.B.Plan.Id);
        Assert.Equal(("Plan bravo", true), (untouched.Name, untouched.Active));
        // A's own plan is reachable the same way.
        Assert.True((await new ArchivePlanHandler(db, clock).HandleAsync(new ArchivePlan(seeded.A.Plan.Id), default)).Succeeded);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_one_time_price_is_refused_with_its_param(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "shop", PriceSchedule.OneTime, 2_400);
        await using var db = database.CreateContext(shop.Tenant);

        var result = await Create(db, shop).HandleAsync(new CreatePlan(shop.Price.Id, new PlanFields("Once", PlanSettings.Default)), default);

        Assert.Equal((ErrorCodes.ParameterInvalid, "price"), (result.FirstError.Code, result.FirstError.Param));
        Assert.Equal(0, await db.Plans.CountAsync());
    }
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Core.Payments;
using Numi.Core.Subscriptions;
using Numi.Core.Tax;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Subscriptions;

/// <summary>A subscriber of the Basic plan ($10.00 a month, quantity 2) from 1 April 2027, with Pro ($20.00) and Lite
/// ($5.00) plans beside it, and the plan change handlers wired as the app wires them.</summary>
internal sealed record PlanChangeShop(CheckoutSteps Shop, Guid SubscriptionId, Guid Basic, Guid Pro, Guid Lite)
{
    public static readonly DateTime Subscribed = new(2027, 4, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task<PlanChangeShop> CreateAsync(TestDatabase database, TaxRateFields? tax = null, string slug = "club")
    {
        var shop = await CheckoutSteps.NewShopAsync(database, slug, PriceSchedule.Every(PriceInterval.Month), 1_000);
        if (tax is not null) await shop.AddRateAsync(tax);
        shop.Clock.UtcNow = Subscribed;
        var id = await SubscribeAsync(database, shop, location: tax is null ? null : TaxLocation.Of(tax.Country!, null));
        await using var db = database.CreateContext(shop.Tenant);
        var now = shop.Clock.Now;
        var basic = Plan.Create(shop.Price, new PlanFields("Basic", PlanSettings.Default), now);
        var (pro, proPrice) = PlanOn(shop, 2_000, "Pro");
        var (lite, litePrice) = PlanOn(shop, 500, "Lite");
        db.Prices.AddRange(proPrice, litePrice);
        db.Plans.AddRange(basic, pro, lite);
        await db.SaveChangesAsync();
        return new PlanChangeShop(shop, id, basic.Id, pro.Id, lite.Id);
    }

    private static (Plan, Price) PlanOn(CheckoutSteps shop, long unitAmount, string name)
    {
        var price = Price.Create(shop.Price.ProductId, "usd", PriceSchedule.Every(PriceInterval.Month), PricingModel.PerUnit(unitAmount), PriceScope.List,
            null, null, shop.Clock.Now);
        return (Plan.Create(price, new PlanFields(name, PlanSettings.Default), shop.Clock.Now), price);
    }

    public static ChangePlanHandler Change(NumiDbContext db, ControllableClock clock, IPaymentGateway gateway) =>
        new(db, new ChangePlanValidator(), Quoter(db), gateway, clock);

    public static PlanChangeQuoter Quoter(NumiDbContext db) => new(db, new InvoiceTerms(db));

    public async Task<Result<PlanChanged>> ChangeAsync(TestDatabase database, Guid plan, IPaymentGateway gateway, DateTime? prorationDate = null)
    {
        await using var db = database.CreateContext(Shop.Tenant);
        return await Change(db, Shop.Clock, gateway).HandleAsync(new ChangePlan(SubscriptionId, plan, ProrationDate: prorationDate, Note: "test"), default);
    }

    public async Task<Result<PlanChangeQuote>> PreviewAsync(TestDatabase database, Guid plan)
    {
        await using var db = database.CreateContext(Shop.Tenant);
        return await new PreviewPlanChangeHandler(db, Quoter(db), Shop.Clock).HandleAsync(new PreviewPlanChange(SubscriptionId, plan), default);
    }

    public async Task<Subscription> SubscriptionAsync(TestDatabase database)
    {
        await using var db = database.CreateContext(Shop.Tenant);
        return await db.Subscriptions.AsNoTracking().Include(s => s.Events).SingleAsync(s => s.Id == SubscriptionId);
    }
}

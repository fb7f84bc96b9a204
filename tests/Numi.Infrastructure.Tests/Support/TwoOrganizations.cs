using Numi.Core.Accounts;
using Numi.Core.ApiKeys;
using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Customers;
using Numi.Core.Discounts;
using Numi.Core.Idempotency;
using Numi.Core.Offers;
using Numi.Core.Orders;
using Numi.Core.Organizations;
using Microsoft.AspNetCore.DataProtection;
using Numi.Core.Payments;
using Numi.Infrastructure.DataProtection;
using Numi.Core.Subscriptions;
using Numi.Core.Tax;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>One row of every organization-owned entity type for each of two organizations, A and B.</summary>
public sealed class TwoOrganizations
{
    public static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
    /// <summary>Protects the seeded Stripe secrets; tests that read them back use the same one.</summary>
    public static readonly ISecretProtector Protector = new DataProtectionSecretProtector(new EphemeralDataProtectionProvider());

    public required Tenant A { get; init; }
    public required Tenant B { get; init; }

    public sealed record Tenant(Organization Organization, NumiUser User, Membership Membership, ApiKey ApiKey,
        Invitation Invitation, IdempotencyRecord IdempotencyRecord, Product Product, Price Price, Offer Offer,
        CheckoutSession Session, Customer Customer, Order Order, StripeConnection Stripe, DiscountCode DiscountCode, TaxRate TaxRate,
        Subscription Subscription, string ApiKeySecret, string InvitationToken, Plan Plan)
    {
        public Guid Id => Organization.Id;
    }

    /// <summary>A fresh migrated database with both organizations seeded; the caller disposes the database.</summary>
    public static async Task<(TestDatabase Database, TwoOrganizations Seeded)> NewDatabaseAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        return (database, await SeedAsync(database));
    }

    public static async Task<TwoOrganizations> SeedAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var seeded = new TwoOrganizations { A = Add(db, "alpha"), B = Add(db, "bravo") };
        await db.SaveChangesAsync();
        return seeded;
    }

    private static Tenant Add(NumiDbContext db, string slug)
    {
        var organization = Organization.Create(slug + " Inc", slug, "usd", "UTC", Now);
        var user = new NumiUser { UserName = $"{slug}@example.com", Email = $"{slug}@example.com", DisplayName = slug, CreatedAt = Now };
        var membership = Membership.Create(organization.Id, user.Id, OrganizationRole.Owner, Now);
        var (apiKey, apiKeySecret) = ApiKey.Create(organization.Id, "Key " + slug, ApiKeyMode.Test, user.Id, Now);
        var (invitation, invitationToken) = Invitation.Create(organization.Id, $"invitee@{slug}.example", OrganizationRole.Member, user.Id, Now);
        var idempotency = IdempotencyRecord.Start(organization.Id, "same-key", "POST", "/api/v1/products", "hash", Now);
        var product = Product.Create(organization.Id, "Product " + slug, null, Now);

        db.Organizations.Add(organization);
        db.Users.Add(user);
        db.Memberships.Add(membership);
        db.ApiKeys.Add(apiKey);
        db.Invitations.Add(invitation);
        db.IdempotencyRecords.Add(idempotency);
        var image = ProductImage.Create(product.Id, "image/png", [0x89, 0x50, 0x4E, 0x47], Now);
        product.ImageChanged("v-" + slug, Now);
        image.OrganizationId = organization.Id;
        var price = Price.Create(product.Id, "usd", PriceSchedule.OneTime, PricingModel.PerUnit(1500), PriceScope.List, null, null, Now);
        price.OrganizationId = organization.Id;
        var offer = Offer.Create("Offer " + slug, "offer-" + slug, null, "usd", Now);
        offer.OrganizationId = organization.Id;
        offer.AddSlot(new SlotFields("main", "Main", price.Id));

        var selection = CheckoutCart.Defaults(offer);
        var cart = CheckoutCart.Build(offer, new Dictionary<Guid, Price> { [price.Id] = price }, selection).Value;
        var session = CheckoutSession.Start(offer.Id, cart, selection, $"shopper@{slug}.example", Now, TimeSpan.FromHours(1));
        session.OrganizationId = organization.Id;
        var customer = Customer.Create($"shopper@{slug}.example", "Shopper", null, Now);
        customer.OrganizationId = organization.Id;
        var order = Order.Create(Order.FirstNumber, session.Id, offer.Id, customer.Id, cart, "pi_" + slug, "visa", "4242",
            [OrderLine.Create("main", product.Id, price.Id, product.Name, price.Summary, 1, cart.Total, false)], Now);
        order.OrganizationId = organization.Id;
        order.Lines.ForEach(l => l.OrganizationId = organization.Id);
        session.Complete(order.Id, Now);
        order.Refunded(500, "seeded", "re_" + slug, Now);

        db.Products.Add(product);
        db.ProductImages.Add(image);
        db.Prices.Add(price);
        db.Offers.Add(offer);
        db.CheckoutSessions.Add(session);
        db.Customers.Add(customer);
        var pattern = Core.Dunning.CustomerPaymentPattern.For(customer.Id, Core.Dunning.PaymentPattern.None("UTC"), Now);
        pattern.OrganizationId = organization.Id;
        db.CustomerPaymentPatterns.Add(pattern);
        db.PortalSignInTokens.Add(Numi.Core.Portal.PortalSignInToken.Issue(organization.Id, customer.Id, Now).Token);
        db.Orders.Add(order);
        var discount = DiscountCode.Create(organization.Id, new DiscountTerms("WELCOME10", PercentOff: 10), new DiscountLimits(), Now);
        db.DiscountCodes.Add(discount);
        db.DiscountRedemptions.Add(DiscountRedemption.Reserve(discount, session.Id, customer.EmailKey, Now));
        // The price object only shapes the subscription's snapshot; it is not stored.
        var monthly = Price.Create(product.Id, "usd", PriceSchedule.Every(PriceInterval.Month), PricingModel.PerUnit(1500), PriceScope.List, null, null, Now);
        var subscription = Subscription.Start(order, order.Lines[0], monthly, Now);
        // A timeline row, so tenancy tests cover subscription events.
        subscription.Cancel(Now, atPeriodEnd: true, "seeded");
        db.Subscriptions.Add(subscription);
        // A paid renewal invoice with a line and a credit note, so tenancy tests cover invoices.
        var (cycle, start, end) = subscription.NextPeriod();
        var invoice = Numi.Core.Invoices.Invoice.Draft(1, subscription, cycle, start, end, null, null, Now);
        invoice.Open(Now);
        invoice.MarkPaid("pi_inv_" + slug, Now);
        invoice.Credit(100, "seeded", Now);
        db.Invoices.Add(invoice);
        // A sent dunning step of it, so tenancy tests cover dunning messages.
        var dunning = Numi.Core.Dunning.DunningMessage.Claim(organization.Id, invoice.Id, 1, Now);
        dunning.Sent("day 1: email", Now);
        db.DunningMessages.Add(dunning);
        var planPrice = Price.Create(product.Id, "usd", PriceSchedule.Every(PriceInterval.Month), PricingModel.PerUnit(2500), PriceScope.List, null, null, Now);
        planPrice.OrganizationId = organization.Id;
        db.Prices.Add(planPrice);
        var plan = Plan.Create(planPrice, new PlanFields("Plan " + slug, PlanSettings.Default), Now);
        plan.OrganizationId = organization.Id;
        db.Plans.Add(plan);
        var taxRate = TaxRate.Create(new TaxRateFields("VAT " + slug, "GB", null, 20m, true), Now);
        taxRate.OrganizationId = organization.Id;
        db.TaxRates.Add(taxRate);
        var webhook = Numi.Core.Webhooks.WebhookEvent.Receive(organization.Id, "stripe", "evt_" + slug, "payment_intent.succeeded", "{}", Now);
        db.WebhookEvents.Add(webhook);
        var stripe = StripeConnection.Create(Now);
        stripe.OrganizationId = organization.Id;
        stripe.Use(new StripeKeys(ApiKeyMode.Test, $"sk_test_{slug}secretkey", $"pk_test_{slug}publishable", [$"whsec_{slug}signingsecret"]), Protector, Now);
        db.StripeConnections.Add(stripe);
        AddFunnel(db, organization.Id, order);
        return new Tenant(organization, user, membership, apiKey, invitation, idempotency, product, price, offer, session, customer, order, stripe, discount, taxRate, subscription,
            apiKeySecret, invitationToken, plan);
    }

    /// <summary>A funnel with one step, a version, an undo entry, a visitor's session and one event.</summary>
    private static void AddFunnel(NumiDbContext db, Guid organizationId, Order order)
    {
        var funnel = Core.Funnels.Funnel.Create(organizationId, "Funnel", "funnel", Now);
        var step = funnel.AddStep(Core.Funnels.FunnelStepType.Checkout, null, null).Value;
        var version = Core.Funnels.FunnelVersion.Create(funnel, 1, funnel.Snapshot(), Now);
        var session = Core.Funnels.FunnelSession.Start(organizationId, funnel.Id, version.Id, "visitor", step.Key, Now);
        db.Funnels.Add(funnel);
        db.FunnelVersions.Add(version);
        db.FunnelDraftHistory.Add(Core.Funnels.FunnelDraftHistory.Of(funnel, funnel.Snapshot().ToJson(), Now));
        db.FunnelSessions.Add(session);
        var viewed = Core.Funnels.FunnelEvent.Of(session, step.Key, null, Core.Funnels.FunnelEventKind.StepViewed, Now);
        db.FunnelEvents.Add(viewed);
        // The analytics' rollup of that view, and a day's revenue, so each rollup table holds a row of each organization.
        var rollup = Core.Funnels.Analytics.FunnelRollupPlan.Of([viewed], new HashSet<Core.Funnels.Analytics.FunnelFirstKey>());
        db.FunnelSessionFirsts.AddRange(rollup.NewFirsts);
        db.FunnelDailySessions.AddRange(rollup.Sessions.Select(s => Core.Funnels.Analytics.FunnelDailySessions.Of(s.Key.OrganizationId, s.Key.FunnelId,
            s.Key.Day, s.Key.Kind, s.Key.StepKey, s.Key.ArmKey, s.Value)));
        db.FunnelDailyRevenue.Add(Core.Funnels.Analytics.FunnelDailyRevenue.Of(organizationId, funnel.Id, Now.Date, "", "", "usd", 100));
        order.AttributeToFunnel(funnel.Id, version.Id, Core.Funnels.StepVariant.ControlKey);
    }
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Accounts;
using Numi.Core.Dunning;
using Numi.Core.Invoices;
using Numi.Core.Organizations;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Invoices;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Dunning.DunningSteps;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Dunning;

/// <summary>manual_review and save_flow after the last retry, on both providers: the flag or the save flow persists with
/// its timeline row and its email in the outbox (the owners', the customer's with the update-card link); paying clears
/// them; the needs-review filter shows only the current organization's flagged subscriptions.</summary>
public sealed class AfterLastRetryTests
{
    /// <summary>A subscriber of a plan that retries once then takes <paramref name="then"/>, both attempts declined.</summary>
    private static async Task<(CheckoutSteps Shop, Guid Subscription, Invoice Invoice)> ExhaustedAsync(TestDatabase database, AfterLastRetry then,
        Func<CheckoutSteps, Task>? prepare = null)
    {
        var shop = await ShopAsync(database, retry: RetrySettings.Default with { MaxRetries = 1, AfterLastRetry = then });
        if (prepare is not null) await prepare(shop);
        var (subscription, invoice) = await FailedRenewalAsync(database, shop, "pm_card_chargeDeclinedInsufficientFunds");
        shop.Clock.UtcNow = invoice.NextAttemptAt!.Value;
        await using var db = database.CreateContext(shop.Tenant);
        Assert.Equal(BillingResult.Declined, (await Collection(db, shop.Clock, new Payments.SimulatedGateway(shop.Clock)).CollectAsync(invoice.Id, default)).Result);
        return (shop, subscription, invoice);
    }

    private static async Task AddMemberAsync(TestDatabase database, CheckoutSteps shop, string email, OrganizationRole role)
    {
        await using var db = database.CreateContext();
        var user = new NumiUser { UserName = email, Email = email, DisplayName = email, CreatedAt = shop.Clock.Now };
        db.Users.Add(user);
        db.Memberships.Add(Membership.Create(shop.OrganizationId, user.Id, role, shop.Clock.Now));
        await db.SaveChangesAsync();
    }

    private static async Task<List<Core.Email.OutboxMessage>> OutboxAsync(TestDatabase database, string subjectStart)
    {
        await using var db = database.CreateContext();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Subject.StartsWith(subjectStart)).OrderBy(m => m.To).ToListAsync();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Manual_review_flags_the_subscription_and_emails_the_owners_only(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id, _) = await ExhaustedAsync(database, AfterLastRetry.ManualReview, async shop =>
        {
            await AddMemberAsync(database, shop, "owner@review.example", OrganizationRole.Owner);
            await AddMemberAsync(database, shop, "helper@review.example", OrganizationRole.Member);
        });

        var flagged = await SubscriptionAsync(database, shop, id);
        Assert.Equal((SubscriptionStatus.Unpaid, shop.Clock.Now, "INV-000001: no retry left"), (flagged.Status, flagged.ReviewRequestedAt, flagged.ReviewReason));
        Assert.Single(flagged.Events, e => e.Type == SubscriptionEventType.ReviewRequested);
        var mail = Assert.Single(await OutboxAsync(database, "Review needed:"));
        Assert.Equal("owner@review.example", mail.To);
        Assert.Equal(shop.OrganizationId, mail.OrganizationId);
        Assert.Contains($"{BillingJobHost.Origin}/subscriptions/{flagged.PublicId}", mail.TextBody);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Save_flow_emails_the_customer_an_update_card_link_and_paying_ends_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id, invoice) = await ExhaustedAsync(database, AfterLastRetry.SaveFlow);

        var saving = await SubscriptionAsync(database, shop, id);
        Assert.Equal((SubscriptionStatus.Unpaid, shop.Clock.Now, false), (saving.Status, saving.SaveFlowStartedAt, saving.NeedsReview));
        Assert.Single(saving.Events, e => e.Type == SubscriptionEventType.SaveFlowStarted);
        var mail = Assert.Single(await OutboxAsync(database, "Keep your"));
        Assert.Contains($"{BillingJobHost.Origin}/portal/club/sign-in?token=", mail.TextBody);
        Assert.Contains("INV-000001", mail.TextBody);
        await using (var db = database.CreateContext(shop.Tenant))
            Assert.True(await db.PortalSignInTokens.AnyAsync(t => t.SubscriptionId == id && t.ExpiresAt > shop.Clock.Now));

        await UseCardAsync(database, shop, id, "pm_card_visa");
        await using (var db = database.CreateContext(shop.Tenant))
            Assert.Equal(BillingResult.Paid, (await Collection(db, shop.Clock, new Payments.SimulatedGateway(shop.Clock)).CollectNowAsync(invoice.Id, default)).Result);
        var saved = await SubscriptionAsync(database, shop, id);
        Assert.Equal((SubscriptionStatus.Active, (DateTime?)null), (saved.Status, saved.SaveFlowStartedAt));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Paying_a_flagged_subscriptions_invoice_clears_the_review(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id, invoice) = await ExhaustedAsync(database, AfterLastRetry.ManualReview);

        await UseCardAsync(database, shop, id, "pm_card_visa");
        await using (var db = database.CreateContext(shop.Tenant))
            Assert.Equal(BillingResult.Paid, (await Collection(db, shop.Clock, new Payments.SimulatedGateway(shop.Clock)).CollectNowAsync(invoice.Id, default)).Result);

        var paid = await SubscriptionAsync(database, shop, id);
        Assert.Equal((SubscriptionStatus.Active, false, (string?)null), (paid.Status, paid.NeedsReview, paid.ReviewReason));
        Assert.Equal("INV-000001 paid: no review needed any more", Assert.Single(paid.Events, e => e.Type == SubscriptionEventType.Reviewed).Detail);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_needs_review_filter_shows_only_this_organizations_flagged_subscriptions(DatabaseProvider provider)
    {
        var (database, seeded) = await TwoOrganizations.NewDatabaseAsync(provider);
        await using var _ = database;
        foreach (var tenant in new[] { seeded.A, seeded.B })
        {
            await using var db = database.CreateContext(new TestTenant(tenant.Id));
            var subscription = await db.Subscriptions.SingleAsync();
            subscription.RetriesExhausted(AfterLastRetry.ManualReview, "INV-000009", TwoOrganizations.Now);
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            var flagged = await db.Subscriptions.AsNoTracking().NeedingReview().ToListAsync();
            Assert.Equal(seeded.A.Subscription.Id, Assert.Single(flagged).Id);
            Assert.Empty(await db.Subscriptions.AsNoTracking().NeedingReview(false).ToListAsync());
            var subscription = await db.Subscriptions.SingleAsync();
            Assert.True(subscription.MarkReviewed(TwoOrganizations.Now.AddHours(1), "checked").Succeeded);
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            Assert.Empty(await db.Subscriptions.NeedingReview().ToListAsync());
            Assert.Equal("checked", (await db.SubscriptionEvents.SingleAsync(e => e.Type == SubscriptionEventType.Reviewed)).Note);
        }
        await using (var db = database.CreateContext(new TestTenant(seeded.B.Id)))
            Assert.Equal(seeded.B.Subscription.Id, (await db.Subscriptions.NeedingReview().SingleAsync()).Id);
    }
}

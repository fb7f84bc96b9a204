using Microsoft.EntityFrameworkCore;
using Numi.Core.Email;
using Numi.Core.Idempotency;
using Numi.Core.Maintenance;
using Numi.Core.Portal;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Maintenance;

public sealed class PurgeExpiredRecordsTests
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);
    private static readonly TimeSpan FunnelRetention = TimeSpan.FromDays(90);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Expired_idempotency_records_of_every_organization_are_deleted_and_live_ones_kept(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database); // their records expire at Now + 24 h
        var clock = new FakeTimeProvider(TwoOrganizations.Now.AddHours(30));
        var liveA = IdempotencyRecord.Start(seeded.A.Id, "live-a", "POST", "/api/v1/products", "h", clock.Now.AddHours(-1));
        var liveB = IdempotencyRecord.Start(seeded.B.Id, "live-b", "POST", "/api/v1/products", "h", clock.Now.AddHours(-23));
        await using (var db = database.CreateContext())
        {
            db.IdempotencyRecords.AddRange(liveA, liveB);
            await db.SaveChangesAsync();
        }

        PurgedRecords purged;
        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
            purged = await new PurgeExpiredRecordsHandler(db, clock).HandleAsync(new PurgeExpiredRecords(Retention, FunnelRetention), default);

        Assert.Equal(2, purged.IdempotencyRecords);
        await using var check = database.CreateContext();
        var left = await check.IdempotencyRecords.IgnoreQueryFilters().Select(r => r.Id).ToListAsync();
        Assert.Equal(new[] { liveA.Id, liveB.Id }.Order(), left.Order());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_sent_mail_older_than_the_retention_is_deleted(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var clock = new FakeTimeProvider(TwoOrganizations.Now);
        var longAgo = clock.Now - Retention - TimeSpan.FromDays(10);

        var oldSent = Message("old sent", longAgo);
        oldSent.MarkSent(clock.Now - Retention - TimeSpan.FromMinutes(1));
        var recentSent = Message("recent sent", longAgo);
        recentSent.MarkSent(clock.Now - Retention + TimeSpan.FromHours(1));
        var oldPending = Message("old pending", longAgo);
        var oldFailed = Message("old failed", longAgo);
        for (var i = 0; i < OutboxMessage.MaxAttempts; i++) oldFailed.MarkAttemptFailed("refused", longAgo);
        Assert.Equal(OutboxStatus.Failed, oldFailed.Status);

        await using (var db = database.CreateContext())
        {
            db.OutboxMessages.AddRange(oldSent, recentSent, oldPending, oldFailed);
            await db.SaveChangesAsync();
        }

        PurgedRecords purged;
        await using (var db = database.CreateContext())
            purged = await new PurgeExpiredRecordsHandler(db, clock).HandleAsync(new PurgeExpiredRecords(Retention, FunnelRetention), default);

        Assert.Equal(1, purged.OutboxMessages);
        Assert.Equal(0, purged.IdempotencyRecords);
        await using var check = database.CreateContext();
        var left = await check.OutboxMessages.Select(m => m.Subject).ToListAsync();
        Assert.Equal(["old failed", "old pending", "recent sent"], left.Order());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Portal_links_of_every_organization_are_deleted_a_week_after_they_expire(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database); // one sign-in link each, issued at Now for 15 minutes
        var clock = new FakeTimeProvider(TwoOrganizations.Now.AddDays(8));
        var lately = clock.Now.AddDays(-1);
        var expiredYesterday = PortalSignInToken.Issue(seeded.A.Id, seeded.A.Customer.Id, lately).Token;
        var updateCard = PortalSignInToken.IssueUpdateCard(seeded.B.Id, seeded.B.Customer.Id, seeded.B.Subscription.Id, lately).Token;
        await using (var db = database.CreateContext())
        {
            db.PortalSignInTokens.AddRange(expiredYesterday, updateCard);
            await db.SaveChangesAsync();
        }

        PurgedRecords purged;
        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
            purged = await new PurgeExpiredRecordsHandler(db, clock).HandleAsync(new PurgeExpiredRecords(Retention, FunnelRetention), default);

        Assert.Equal(2, purged.PortalLinks);
        await using var check = database.CreateContext();
        var left = await check.PortalSignInTokens.IgnoreQueryFilters().Select(t => t.Id).ToListAsync();
        Assert.Equal(new[] { expiredYesterday.Id, updateCard.Id }.Order(), left.Order());
    }

    private static OutboxMessage Message(string subject, DateTime createdAt) =>
        OutboxMessage.Create(new EmailMessage("ada@example.com", subject, "text", "<p>html</p>"), null, createdAt);
}

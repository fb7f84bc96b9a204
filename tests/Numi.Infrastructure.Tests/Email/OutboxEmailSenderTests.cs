using Microsoft.EntityFrameworkCore;
using Numi.Core.Email;
using Numi.Infrastructure.Email;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Email;

public sealed class OutboxEmailSenderTests
{
    private static readonly EmailMessage Mail = new("ada@example.com", "You are invited", "text", "<p>html</p>");

    private static async Task<int> CountAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.OutboxMessages.CountAsync();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Queued_mail_is_written_only_when_the_unit_of_work_is_saved(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var clock = new FakeTimeProvider(TwoOrganizations.Now);
        var organizationId = Guid.CreateVersion7();

        await using var db = database.CreateContext();
        new OutboxEmailSender(db, clock).Queue(Mail, organizationId);
        Assert.Equal(0, await CountAsync(database));

        await db.SaveChangesAsync();
        await using var check = database.CreateContext();
        var stored = await check.OutboxMessages.SingleAsync();
        Assert.Equal("You are invited", stored.Subject);
        Assert.Equal(organizationId, stored.OrganizationId);
        Assert.Equal(OutboxStatus.Pending, stored.Status);
        Assert.Equal(TwoOrganizations.Now, stored.NextAttemptAt);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Mail_queued_in_a_rolled_back_transaction_is_not_kept(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();

        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            new OutboxEmailSender(db, new FakeTimeProvider(TwoOrganizations.Now)).Queue(Mail);
            await db.SaveChangesAsync();
            Assert.Equal(1, await db.OutboxMessages.CountAsync()); // visible inside the transaction
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await CountAsync(database));
    }
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Funnels;
using Numi.Core.Funnels.Events;
using Numi.Infrastructure.Funnels;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Funnels.FunnelDatabase;

namespace Numi.Infrastructure.Tests.Funnels;

/// <summary>The writer's store on both providers: one batch holding events of two organizations (and the new sessions
/// still queued), stored from a context with no organization selected (as the background writer's is).</summary>
public sealed class EfFunnelEventStoreTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_batch_of_two_organizations_lands_with_each_row_in_its_own(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await SeededCatalog.MigratedAsync(database);
        var funnels = new FunnelDatabase(database);
        var a = await SessionAsync(funnels, seeded.A);
        var b = await SessionAsync(funnels, seeded.B);
        var batch = FunnelEventKinds.All.Select(kind => Accepted(a, kind))
            .Append(Accepted(b, FunnelEventKinds.OrderCompleted, 4900, "EUR")).ToList();

        await using (var writer = database.CreateContext())
        {
            await new EfFunnelEventStore(writer).AppendAsync(batch, default);
        }

        await using var readA = database.CreateContext(new TestTenant(seeded.A.Id));
        // The seeded organizations already hold an event each: read only the sessions' own.
        var rowsA = (await readA.FunnelEvents.AsNoTracking().Where(e => e.FunnelSessionId == a.Id).ToListAsync()).OrderBy(e => e.Kind).ToList();
        Assert.Equal(Enum.GetValues<FunnelEventKind>(), rowsA.Select(e => e.Kind));
        Assert.All(rowsA, e => Assert.Equal((a.OrganizationId, a.Id, a.FunnelVersionId), (e.OrganizationId, e.FunnelSessionId, e.FunnelVersionId)));
        await using var readB = database.CreateContext(new TestTenant(seeded.B.Id));
        var rowB = Assert.Single(await readB.FunnelEvents.AsNoTracking().Where(e => e.FunnelSessionId == b.Id).ToListAsync());
        Assert.Equal((FunnelEventKind.OrderCompleted, 4900L, "EUR", "step-x"), (rowB.Kind, rowB.AmountMinor!.Value, rowB.Currency, rowB.StepKey));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Queued_sessions_are_stored_with_their_events_in_the_same_batch(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await SeededCatalog.MigratedAsync(database);
        var funnels = new FunnelDatabase(database);
        var sessions = new FunnelSessionQueue(Microsoft.Extensions.Options.Options.Create(new FunnelEventOptions()));
        var a = await SessionAsync(funnels, seeded.A, store: false);
        var b = await SessionAsync(funnels, seeded.B, store: false);
        Assert.True(sessions.TryQueue(a) && sessions.TryQueue(b));

        await using (var writer = database.CreateContext())
        {
            await new EfFunnelEventStore(writer, sessions).AppendAsync([Accepted(a, FunnelEventKinds.StepViewed), Accepted(b, FunnelEventKinds.StepViewed)], default);
        }

        Assert.Equal(0, sessions.Count);
        foreach (var session in new[] { a, b })
        {
            await using var read = database.CreateContext(new TestTenant(session.OrganizationId));
            Assert.Equal(session.FunnelVersionId, (await read.FunnelSessions.AsNoTracking().SingleAsync(s => s.Id == session.Id)).FunnelVersionId);
            Assert.Equal(1, await read.FunnelEvents.CountAsync(e => e.FunnelSessionId == session.Id));
        }
    }

    [Fact]
    public void Every_wire_name_maps_to_its_own_kind()
    {
        Assert.Equal(Enum.GetValues<FunnelEventKind>(), FunnelEventKinds.All.Select(EfFunnelEventStore.KindOf));
        Assert.Throws<ArgumentOutOfRangeException>(() => EfFunnelEventStore.KindOf("page_viewed"));
    }

    private static AcceptedFunnelEvent Accepted(FunnelSession session, string kind, long? amount = null, string? currency = null) =>
        new(session.Id, session.FunnelId, session.FunnelVersionId, session.OrganizationId, "step-x", "a", kind, amount, currency, TwoOrganizations.Now);

    /// <summary>A session of a published funnel of the organization, stored unless told not to.</summary>
    private static async Task<FunnelSession> SessionAsync(FunnelDatabase funnels, TwoOrganizations.Tenant tenant, bool store = true)
    {
        var (funnel, key) = await funnels.ReadyToPublishAsync(tenant);
        var published = Succeeded(await funnels.PublishAsync(tenant.Id, funnel.Id, 4));
        return await funnels.InAsync(tenant.Id, async (db, _) =>
        {
            var session = FunnelSession.Start(tenant.Id, funnel.Id, published.PublishedVersionId!.Value, "visitor", key, TwoOrganizations.Now);
            if (!store) return session;
            db.FunnelSessions.Add(session);
            await db.SaveChangesAsync();
            return session;
        });
    }
}

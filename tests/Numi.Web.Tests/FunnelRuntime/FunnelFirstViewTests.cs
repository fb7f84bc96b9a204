using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Funnels.Events;
using Numi.Infrastructure.Funnels;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.FunnelRuntime;

[Collection(AppCollection.Name)]
public sealed class FunnelFirstViewTests(NumiFactory factory) : FunnelFirstViewChecks(factory);

public sealed class FunnelFirstViewPostgresTests(FunnelPostgresFactory factory) : FunnelFirstViewChecks(factory), IClassFixture<FunnelPostgresFactory>;

/// <summary>What makes a first view cheap must not make it wrong: the published funnel kept in memory follows publish,
/// rollback, archive and restore at once on this node, and a session's event budget holds however many pages it asks
/// for.</summary>
public abstract class FunnelFirstViewChecks(NumiFactory factory)
{
    [Fact]
    public async Task Publish_rollback_archive_and_restore_show_to_the_next_new_visitor_at_once()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        Assert.Equal(FunnelShop.Headline, await NewVisitorHeadlineAsync(funnel));

        await funnel.RepublishWithHeadlineAsync("Now with oat milk");
        Assert.Equal("Now with oat milk", await NewVisitorHeadlineAsync(funnel));

        await funnel.PublishingAsync("rollback", new { version = 1 });
        Assert.Equal(FunnelShop.Headline, await NewVisitorHeadlineAsync(funnel));

        await funnel.PublishingAsync("archive");
        using (var shopper = factory.CreateBrowser())
        using (var archived = await shopper.Client.GetAsync(funnel.Path))
            Assert.Equal(HttpStatusCode.NotFound, archived.StatusCode);

        await funnel.PublishingAsync("restore");
        Assert.Equal(FunnelShop.Headline, await NewVisitorHeadlineAsync(funnel));
    }

    [Fact]
    public async Task A_session_asking_for_more_events_than_its_budget_still_gets_every_page_and_stores_only_the_budget()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var queue = factory.Services.GetRequiredService<FunnelEventQueue>();
        var refusedBefore = queue.Snapshot().Refused;
        const int extra = 5;

        // Each view of the landing page asks for one step_viewed event.
        for (var i = 0; i < SessionEventBudget.DefaultMaxEventsPerSession + extra; i++)
        {
            using var response = await shopper.Client.GetAsync(funnel.Path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(FunnelShop.Headline, Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent.Trim());
        }

        var session = Assert.Single(await FunnelShop.SessionsAsync(factory, funnel.FunnelKey));
        await WrittenAsync(queue);
        var stored = await factory.WithDbAsync(db => db.FunnelEvents.IgnoreQueryFilters().CountAsync(e => e.FunnelSessionId == session.Id));
        Assert.Equal(SessionEventBudget.DefaultMaxEventsPerSession, stored);
        Assert.Equal(extra, queue.Snapshot().Refused - refusedBefore);
    }

    private async Task<string?> NewVisitorHeadlineAsync(FunnelShop funnel)
    {
        using var shopper = factory.CreateBrowser();
        return (await shopper.GetPageAsync(funnel.Path)).QuerySelector("h1")?.TextContent.Trim();
    }

    /// <summary>Waits until the writer has stored (or given up on) every event queued so far; no time is asserted.</summary>
    private static async Task WrittenAsync(FunnelEventQueue queue)
    {
        for (var tries = 0; tries < 600; tries++)
        {
            var counts = queue.Snapshot();
            if (counts.Queued == 0 && counts.Accepted == counts.Written + counts.Failed) return;
            await Task.Delay(50);
        }
        Assert.Fail("The funnel event writer did not store the queued events: " + queue.Snapshot());
    }
}

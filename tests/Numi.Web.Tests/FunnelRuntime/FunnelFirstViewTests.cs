using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Funnels;
using Numi.Core.Funnels.Events;
using Numi.Infrastructure.Funnels;
using Numi.Web.Features.FunnelRuntime;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.FunnelRuntime;

public sealed class FunnelFirstViewTests(FunnelNumiFactory factory) : FunnelFirstViewChecks(factory), IClassFixture<FunnelNumiFactory>;

public sealed class FunnelFirstViewPostgresTests(FunnelPostgresFactory factory) : FunnelFirstViewChecks(factory), IClassFixture<FunnelPostgresFactory>;

/// <summary>What makes a first view cheap must not make it wrong: the published funnel kept in memory follows publish,
/// rollback, archive and restore at once on this node; the entry page kept for new visitors is per arm, gives each its
/// own session and event, and is dropped by an offer's save; and a session's event budget holds however many pages it
/// asks for.</summary>
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

    [Fact]
    public async Task New_visitors_get_the_kept_page_of_their_own_arm_with_their_own_session_and_event()
    {
        using var funnel = await FunnelShop.CreateAsync(factory, variantWeight: 50);
        var shown = new List<(Guid Session, string? Headline, string? Variant)>();
        // Arms are picked from random visitor ids: 12 visitors at least, more until both arms were shown (all 60 in one
        // arm of a 50/50 split would be a one in 2^59 chance, so the test does not depend on luck).
        for (var i = 0; i < 60 && (i < 12 || shown.Select(v => v.Variant).Distinct().Count() < 2); i++)
        {
            using var shopper = factory.CreateBrowser();
            using var response = await shopper.Client.GetAsync(funnel.Path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var cookie = FunnelVisit.SessionCookie(funnel.FunnelKey) + "=";
            var id = Guid.ParseExact(response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(cookie, StringComparison.Ordinal))[cookie.Length..].Split(';')[0], "N");
            var page = Browser.Parse(await response.Content.ReadAsStringAsync());
            var step = page.QuerySelector("[data-testid=step]");
            shown.Add((id, page.QuerySelector("h1")?.TextContent.Trim(), step?.GetAttribute("data-variant")));
        }

        var sessions = (await FunnelShop.SessionsAsync(factory, funnel.FunnelKey)).ToDictionary(s => s.Id);
        Assert.Equal(shown.Count, sessions.Count);
        Assert.All(shown, view =>
        {
            var arm = sessions[view.Session].Variants[funnel.Landing];
            Assert.Equal(arm, view.Variant);
            Assert.Equal(arm == StepVariant.ControlKey ? FunnelShop.Headline : "Bold coffee", view.Headline);
        });
        Assert.Equal(2, shown.Select(v => v.Variant).Distinct().Count());
        await WrittenAsync(factory.Services.GetRequiredService<FunnelEventQueue>());
        var viewed = await factory.WithDbAsync(db => db.FunnelEvents.IgnoreQueryFilters()
            .Where(e => e.FunnelId == funnel.FunnelKey && e.Kind == FunnelEventKind.StepViewed).Select(e => e.FunnelSessionId).ToListAsync());
        Assert.Equal(sessions.Keys.Order(), viewed.Order());
    }

    [Fact]
    public async Task A_kept_entry_page_is_dropped_when_an_offer_of_its_organization_is_saved()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        var cache = factory.Services.GetRequiredService<PublishedFunnelCache>();
        await NewVisitorHeadlineAsync(funnel);
        var version = Assert.Single(await FunnelShop.SessionsAsync(factory, funnel.FunnelKey)).FunnelVersionId;
        var key = PublishedFunnelCache.PageKey(version, funnel.Landing, StepVariant.ControlKey);
        Assert.True(cache.TryGetPage(key, out _));

        await funnel.Shop.Api.PostOkAsync($"/api/v1/offers/{funnel.Shop.OfferId}", """{"status":"archived"}""");

        Assert.False(cache.TryGetPage(key, out _));
    }

    [Fact]
    public async Task A_link_preview_or_crawler_gets_the_entry_page_with_no_session_cookie_or_event_while_a_browser_gets_a_session()
    {
        using var funnel = await FunnelShop.CreateAsync(factory, variantWeight: 50);
        var queue = factory.Services.GetRequiredService<FunnelEventQueue>();
        using var bot = factory.CreateBrowser();
        bot.Client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");

        // Before any page of the funnel is kept (rendered), then after a browser's first view kept it (served from memory).
        using var rendered = await bot.Client.GetAsync(funnel.Path);
        using var browser = factory.CreateBrowser();
        using var visited = await browser.Client.GetAsync(funnel.Path);
        using var kept = await bot.Client.GetAsync(funnel.Path);
        // A bot that posts the entry page's button opens no checkout and moves nothing.
        var form = Form.From(Browser.Parse(await kept.Content.ReadAsStringAsync()), funnel.Path, "funnel");
        form.Fields["Input.Action"] = "next";
        using var posted = await bot.PostAsync(form);

        foreach (var answer in new[] { rendered, kept })
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.False(answer.Headers.Contains("Set-Cookie"));
            Assert.Equal(FunnelShop.Headline, Browser.Parse(await answer.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent.Trim());
        }
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(funnel.StepPath(funnel.Landing), FunnelWalk.PathOf(posted));
        Assert.False(posted.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.OK, visited.StatusCode);
        Assert.Contains(visited.Headers.GetValues("Set-Cookie"), c => c.StartsWith(FunnelVisit.SessionCookie(funnel.FunnelKey) + "=", StringComparison.Ordinal));
        var session = Assert.Single(await FunnelShop.SessionsAsync(factory, funnel.FunnelKey));
        await WrittenAsync(queue);
        var events = await factory.WithDbAsync(db => db.FunnelEvents.IgnoreQueryFilters().Where(e => e.FunnelId == funnel.FunnelKey).Select(e => e.FunnelSessionId).ToListAsync());
        Assert.Equal(new[] { session.Id }, events);
        Assert.Equal(0, await factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().CountAsync(s => s.OrganizationId == funnel.Shop.OrganizationId)));
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

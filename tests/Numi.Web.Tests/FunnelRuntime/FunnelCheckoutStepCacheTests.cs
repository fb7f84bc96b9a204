using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Funnels;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Checkout.CheckoutSteps;
using static Numi.Web.Tests.FunnelRuntime.FunnelWalk;

namespace Numi.Web.Tests.FunnelRuntime;

/// <summary>A funnel's checkout step served like the offer's link (issue 12): the same bytes for every visitor of that
/// version, step, arm and offer, answered from memory with no database command, dropped by the merchant's changes to the
/// offer, its prices and the funnel; each view still counted once in its arm, and the first post still opens the
/// funnel's checkout and goes on once paid. An app of its own that counts the commands each request runs.</summary>
public sealed class FunnelCheckoutStepCacheTests(ColdCheckoutPageFactory factory) : IClassFixture<ColdCheckoutPageFactory>
{
    [Fact]
    public async Task A_second_visitors_checkout_step_is_the_first_ones_bytes_with_no_database_command_counted_once_and_payable()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        var (first, firstPage) = await AtCheckoutAsync(funnel);
        using var _ = first;
        var firstSession = Assert.Single(await SessionsAsync(factory, funnel)).Id;
        using var second = factory.CreateBrowser();
        var checkout = await AdvanceAsync(second, funnel.Path, "next");
        var session = Assert.Single(await SessionsAsync(factory, funnel), s => s.Id != firstSession);
        await EventuallyAsync(factory, session.Id, count: 2);

        byte[] body = [];
        var commands = await factory.Commands.DuringAsync(async () =>
        {
            using var shown = await second.Client.GetAsync(checkout);
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            body = await shown.Content.ReadAsByteArrayAsync();
        });

        Assert.DoesNotContain(commands, c => !ByTheEventWriter(c));
        Assert.Equal(firstPage, body);
        // The view is counted in the session's arm, as the page's own render counts it.
        var viewed = await ViewsAsync(session.Id, funnel.Checkout, count: 1);
        Assert.Equal([StepVariant.ControlKey], viewed);
        // The first post from the kept page (Pay, without JavaScript) opens the funnel's checkout and goes on.
        Assert.Equal(funnel.StepPath(funnel.Upsell), await PayAndReturnAsync(second, checkout));
        var paid = await factory.WithDbAsync(db => db.FunnelSessions.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.Id == session.Id));
        var order = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().AsNoTracking().SingleAsync(o => o.CheckoutSessionId == paid.CheckoutSessionId));
        Assert.Equal((funnel.FunnelKey, order.Id, 2400L), (order.FunnelId, paid.OrderId, order.AmountTotal));
        // Paid: the step is not shown again.
        using var again = await second.Client.GetAsync(checkout);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task A_visitor_who_has_not_reached_the_checkout_step_is_sent_back_and_never_served_the_kept_page()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        var (first, _) = await AtCheckoutAsync(funnel);
        using var _ = first;
        using var newcomer = factory.CreateBrowser();
        using var entry = await newcomer.Client.GetAsync(funnel.Path);
        Assert.Equal(HttpStatusCode.OK, entry.StatusCode);

        using var skipped = await newcomer.Client.GetAsync(funnel.StepPath(funnel.Checkout));

        Assert.Equal(HttpStatusCode.Redirect, skipped.StatusCode);
        Assert.Equal(funnel.StepPath(funnel.Landing), PathOf(skipped));
    }

    [Fact]
    public async Task A_price_change_an_offer_change_and_the_funnels_archive_drop_the_kept_checkout_step()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        var (shopper, _) = await AtCheckoutAsync(funnel);
        using var _ = shopper;
        var checkout = funnel.StepPath(funnel.Checkout);
        await AssertKeptAsync(shopper, checkout);

        await funnel.Shop.Api.PostOkAsync($"/api/v1/prices/{funnel.Shop.OneBag}/replace", """{"billing_scheme":"per_unit","unit_amount":1700}""");
        using (var repriced = await shopper.Client.GetAsync(checkout))
            Assert.Equal("$17.00", (await Browser.ParseAsync(repriced)).TestId("total"));
        await AssertKeptAsync(shopper, checkout);

        await funnel.Shop.Api.PostOkAsync($"/api/v1/offers/{funnel.Shop.OfferId}", """{"design":{"headline":"Winter roast is here"}}""");
        using (var renamed = await shopper.Client.GetAsync(checkout))
            Assert.Equal("Winter roast is here", (await Browser.ParseAsync(renamed)).QuerySelector("[data-testid=step] h1")?.TextContent.Trim());
        await AssertKeptAsync(shopper, checkout);

        await funnel.PublishingAsync("archive");
        using var archived = await shopper.Client.GetAsync(checkout);
        Assert.Equal(HttpStatusCode.NotFound, archived.StatusCode);
    }

    [Fact]
    public async Task Each_arm_of_a_tested_checkout_step_is_kept_apart_and_each_view_is_counted_in_its_arm()
    {
        using var funnel = await FunnelShop.CreateAsync(factory, checkoutVariantWeight: 100);
        var shown = new Dictionary<string, List<byte[]>>();
        var sessions = new List<(Guid Session, string Arm)>();
        for (var i = 0; i < 24 && (shown.Count < 2 || shown.Values.Any(pages => pages.Count < 2)); i++)
        {
            using var shopper = factory.CreateBrowser();
            var checkout = await AdvanceAsync(shopper, funnel.Path, "next");
            var session = Assert.Single(await SessionsAsync(factory, funnel), s => !sessions.Any(known => known.Session == s.Id));
            using var answer = await shopper.Client.GetAsync(checkout);
            var (page, _) = await PageAsync(answer);
            var arm = page.QuerySelector("[data-testid=step]")!.GetAttribute("data-variant")!;
            var headed = page.QuerySelector("[data-testid=step]")!.TextContent.Contains(FunnelShop.CheckoutVariantHeadline, StringComparison.Ordinal);
            Assert.Equal(arm != StepVariant.ControlKey, headed);
            (shown.TryGetValue(arm, out var pages) ? pages : shown[arm] = []).Add(await answer.Content.ReadAsByteArrayAsync());
            sessions.Add((session.Id, arm));
        }

        Assert.Equal(2, shown.Count);
        // Within an arm, every visitor after the first got the first one's bytes (its page nonce included); the arms differ.
        foreach (var pages in shown.Values) Assert.All(pages, page => Assert.Equal(pages[0], page));
        Assert.NotEqual(shown.Values.First()[0], shown.Values.Last()[0]);
        foreach (var (session, arm) in sessions)
            Assert.Equal([arm], await ViewsAsync(session, funnel.Checkout, count: 1));
    }

    /// <summary>A new shopper walked to the checkout step, and that step's page as they got it (rendered, and kept).</summary>
    private async Task<(Browser Shopper, byte[] Page)> AtCheckoutAsync(FunnelShop funnel)
    {
        var shopper = factory.CreateBrowser();
        var checkout = await AdvanceAsync(shopper, funnel.Path, "next");
        using var shown = await shopper.Client.GetAsync(checkout);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        return (shopper, await shown.Content.ReadAsByteArrayAsync());
    }

    /// <summary>The step is answered from memory now: no command but the event writer's.</summary>
    private async Task AssertKeptAsync(Browser shopper, string path)
    {
        var commands = await factory.Commands.DuringAsync(async () =>
        {
            using var again = await shopper.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        });
        Assert.DoesNotContain(commands, c => !ByTheEventWriter(c));
    }

    /// <summary>The arms of the session's stored views of the step, once there are <paramref name="count"/>.</summary>
    private async Task<List<string?>> ViewsAsync(Guid sessionId, string stepKey, int count)
    {
        for (var tries = 0; ; tries++)
        {
            var arms = await factory.WithDbAsync(db => db.FunnelEvents.IgnoreQueryFilters().AsNoTracking()
                .Where(e => e.FunnelSessionId == sessionId && e.StepKey == stepKey && e.Kind == FunnelEventKind.StepViewed).Select(e => e.VariantKey).ToListAsync());
            if (arms.Count >= count || tries == 300) return arms;
            await Task.Delay(100);
        }
    }

    /// <summary>The event writer stores queued events in the background whenever its window ends, whatever request runs.</summary>
    private static bool ByTheEventWriter(string command) =>
        command.Contains("funnel_events", StringComparison.Ordinal) || command.Contains("funnel_session_firsts", StringComparison.Ordinal)
        || command.Contains("funnel_daily_", StringComparison.Ordinal);
}

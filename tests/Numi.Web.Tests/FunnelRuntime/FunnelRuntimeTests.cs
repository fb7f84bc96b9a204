using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Funnels;
using Numi.Web.Features.FunnelRuntime;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Checkout.CheckoutSteps;

namespace Numi.Web.Tests.FunnelRuntime;

/// <summary>The public funnel at <c>/f/{organization}/{funnel}</c> on SQLite.</summary>
[Collection(AppCollection.Name)]
public sealed class FunnelRuntimeTests(NumiFactory factory) : FunnelRuntimeChecks(factory);

/// <summary>The same walks on PostgreSQL.</summary>
public sealed class FunnelRuntimePostgresTests(FunnelPostgresFactory factory) : FunnelRuntimeChecks(factory), IClassFixture<FunnelPostgresFactory>;

/// <summary>The public funnel at <c>/f/{organization}/{funnel}</c> (issue 14): sessions from cookies, sticky A/B arms,
/// version pinning, friendly pages for what is gone, and the walk through checkout, upsell and downsell.</summary>
public abstract class FunnelRuntimeChecks(NumiFactory factory)
{
    [Fact]
    public async Task The_first_view_opens_a_session_and_sets_its_cookies_and_the_next_resumes_it()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();

        using var first = await shopper.Client.GetAsync(funnel.Path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var cookies = first.Headers.GetValues("Set-Cookie").ToList();
        var visitor = Assert.Single(cookies, c => c.StartsWith(FunnelVisit.VisitorCookie + "=", StringComparison.Ordinal));
        Assert.Single(cookies, c => c.StartsWith(FunnelVisit.SessionCookie(funnel.FunnelKey) + "=", StringComparison.Ordinal));
        Assert.All(cookies.Where(c => c.StartsWith("numi_", StringComparison.Ordinal)), c =>
        {
            Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=lax", c, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Contains("max-age=31536000", visitor, StringComparison.OrdinalIgnoreCase);
        var page = Browser.Parse(await first.Content.ReadAsStringAsync());
        Assert.Equal(FunnelShop.Headline, page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("ends on", page.TestId("countdown"), StringComparison.Ordinal);
        Assert.Equal("Step 1 of 5", page.TestId("progress"));
        Assert.DoesNotContain(page.QuerySelectorAll("script"), s => (s.GetAttribute("src") ?? "").Contains("blazor", StringComparison.Ordinal));

        using var second = await shopper.Client.GetAsync(funnel.Path);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(second.Headers.Contains("Set-Cookie"));
        Assert.Single(await SessionsAsync(funnel));
    }

    [Fact]
    public async Task A_visitor_keeps_the_arm_picked_for_them_and_steps_not_reached_send_back()
    {
        using var funnel = await FunnelShop.CreateAsync(factory, variantWeight: 50);
        using var shopper = factory.CreateBrowser();

        var arms = new List<string?>();
        for (var i = 0; i < 3; i++) arms.Add((await shopper.GetPageAsync(funnel.Path)).QuerySelector("[data-testid=step]")?.GetAttribute("data-variant"));

        Assert.Single(arms.Distinct());
        var session = Assert.Single(await SessionsAsync(funnel));
        Assert.Equal(arms[0], session.Variants[funnel.Landing]);
        using var ahead = await shopper.Client.GetAsync(funnel.StepPath(funnel.Upsell));
        Assert.Equal(HttpStatusCode.Redirect, ahead.StatusCode);
        Assert.Equal(funnel.StepPath(funnel.Landing), PathOf(ahead));
    }

    [Fact]
    public async Task A_shopper_stays_on_the_version_they_started_after_a_new_publish()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        using var early = factory.CreateBrowser();
        await early.GetPageAsync(funnel.Path);

        await funnel.RepublishWithHeadlineAsync("Now with oat milk");

        Assert.Equal(FunnelShop.Headline, (await early.GetPageAsync(funnel.Path)).QuerySelector("h1")?.TextContent.Trim());
        using var late = factory.CreateBrowser();
        Assert.Equal("Now with oat milk", (await late.GetPageAsync(funnel.Path)).QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal(2, (await SessionsAsync(funnel)).Select(s => s.FunnelVersionId).Distinct().Count());
    }

    [Fact]
    public async Task The_draft_preview_needs_a_signed_in_member_and_writes_nothing()
    {
        using var merchant = factory.CreateBrowser();
        var account = await merchant.SignUpAsync();
        var organizationId = await factory.WithDbAsync(db => db.Organizations.IgnoreQueryFilters().Where(o => o.Slug == account.Slug).Select(o => o.Id).SingleAsync());
        using var funnel = await FunnelShop.CreateAsync(factory, shop: await CheckoutShop.ForOrganizationAsync(factory, account.Slug, organizationId));
        await funnel.RepublishWithHeadlineAsync("Draft headline", publish: false);
        var preview = funnel.Path + "?preview=draft";

        using var anonymous = factory.CreateBrowser();
        using (var refused = await anonymous.Client.GetAsync(preview))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/account/signin", PathOf(refused), StringComparison.Ordinal);
        }
        using var stranger = factory.CreateBrowser();
        await stranger.SignUpAsync();
        using (var other = await stranger.Client.GetAsync(preview)) Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        using var shown = await merchant.Client.GetAsync(preview);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.DoesNotContain(shown.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("numi_", StringComparison.Ordinal));
        var page = Browser.Parse(await shown.Content.ReadAsStringAsync());
        Assert.NotNull(page.TestId("preview"));
        Assert.Equal("Draft headline", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, (await merchant.Client.GetAsync(funnel.StepPath(funnel.Upsell) + "?preview=draft")).StatusCode);
        Assert.Empty(await SessionsAsync(funnel));
    }

    [Fact]
    public async Task Unknown_and_unpublished_funnels_are_the_not_found_page()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        await funnel.Shop.Api.PostOkAsync("/api/v1/funnels", """{"name":"Draft only","slug":"draft-only"}""");

        foreach (var path in new[] { $"/f/{funnel.Shop.OrganizationSlug}/no-such-funnel", $"/f/no-such-org-{Guid.NewGuid():N}/x", $"/f/{funnel.Shop.OrganizationSlug}/draft-only" })
        {
            using var response = await shopper.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        Assert.Empty(await SessionsAsync(funnel));
    }

    [Fact]
    public async Task An_archived_offer_is_a_friendly_page_not_an_error()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        await funnel.Shop.Api.PostOkAsync($"/api/v1/offers/{funnel.Shop.OfferId}", """{"status":"archived"}""");

        var form = await shopper.GetFormAsync(funnel.Path, "funnel");
        form.Fields["Input.Action"] = "next";
        using var posted = await shopper.PostAsync(form);

        Assert.Equal(HttpStatusCode.Gone, posted.StatusCode);
        Assert.Equal("This offer is no longer available", Browser.Parse(await posted.Content.ReadAsStringAsync()).TestId("unavailable"));
    }

    [Fact]
    public async Task Landing_checkout_upsell_accepted_thank_you_with_the_orders_attributed_and_the_events_stored()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();

        var checkout = await AdvanceAsync(shopper, funnel.Path, "next");
        Assert.StartsWith("/checkout/cs_", checkout, StringComparison.Ordinal);
        var upsell = await PayAndReturnAsync(shopper, checkout);
        Assert.Equal(funnel.StepPath(funnel.Upsell), upsell);
        var upsellPage = await shopper.GetPageAsync(upsell);
        Assert.Equal("Add the burr grinder", upsellPage.TestId("sale-offer"));
        Assert.Single(upsellPage.QuerySelectorAll("[data-testid=cart-order]"));

        var thanks = await AdvanceAsync(shopper, upsell, "accept");
        Assert.Equal(funnel.StepPath(funnel.ThankYou), thanks);
        var page = await shopper.GetPageAsync(thanks);
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=cart-order]").Length);

        var session = Assert.Single(await SessionsAsync(funnel));
        var orders = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.OrganizationId == funnel.Shop.OrganizationId).OrderBy(o => o.Number).ToListAsync());
        Assert.Equal(2, orders.Count);
        Assert.All(orders, o => Assert.Equal((funnel.FunnelKey, session.FunnelVersionId, StepVariant.ControlKey), (o.FunnelId, o.FunnelVersionId, o.FunnelVariant)));
        Assert.Equal((orders[0].Id, FunnelSessionStatus.Completed), (session.OrderId, session.Status));

        // Viewed: the landing, the upsell twice (the test reads it, then its form), the thank-you.
        var kinds = await EventuallyAsync(session.Id, count: 9);
        Assert.Equal([FunnelEventKind.StepViewed, FunnelEventKind.StepViewed, FunnelEventKind.StepViewed, FunnelEventKind.StepViewed,
            FunnelEventKind.StepCompleted, FunnelEventKind.StepCompleted, FunnelEventKind.CheckoutStarted, FunnelEventKind.OrderCompleted,
            FunnelEventKind.UpsellAccepted], kinds.Order());
        var order = await factory.WithDbAsync(db => db.FunnelEvents.IgnoreQueryFilters().AsNoTracking()
            .SingleAsync(e => e.FunnelSessionId == session.Id && e.Kind == FunnelEventKind.OrderCompleted));
        Assert.Equal((orders[0].AmountTotal, "usd"), (order.AmountMinor!.Value, order.Currency));
    }

    [Fact]
    public async Task Declining_the_upsell_leads_to_the_downsell_and_declining_that_to_the_thank_you()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        var upsell = await PayAndReturnAsync(shopper, await AdvanceAsync(shopper, funnel.Path, "next"));

        var downsell = await AdvanceAsync(shopper, upsell, "decline");
        Assert.Equal(funnel.StepPath(funnel.Downsell), downsell);
        Assert.Equal("A tea sampler instead?", (await shopper.GetPageAsync(downsell)).TestId("sale-offer"));
        Assert.Equal(funnel.StepPath(funnel.ThankYou), await AdvanceAsync(shopper, downsell, "decline"));
        Assert.Single((await shopper.GetPageAsync(funnel.StepPath(funnel.ThankYou))).QuerySelectorAll("[data-testid=cart-order]"));
    }

    /// <summary>Posts the step's form with the button <paramref name="action"/>; returns where it redirects.</summary>
    private static async Task<string> AdvanceAsync(Browser shopper, string path, string action)
    {
        var form = await shopper.GetFormAsync(path, "funnel");
        form.Fields["Input.Action"] = action;
        using var posted = await shopper.PostAsync(form);
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"POST {path} ({action}) answered {(int)posted.StatusCode}: {Browser.Truncate(await posted.Content.ReadAsStringAsync())}");
        return PathOf(posted);
    }

    /// <summary>Pays the funnel's checkout with 4242 and follows the paid page back into the funnel; returns the step it lands on.</summary>
    private static async Task<string> PayAndReturnAsync(Browser shopper, string checkout)
    {
        await shopper.PayAsync(checkout);
        using var paid = await shopper.Client.GetAsync(checkout);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var next = PathOf(paid);
        Assert.EndsWith("/" + FunnelPage.NextStep, next, StringComparison.Ordinal);
        using var back = await shopper.Client.GetAsync(next);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        return PathOf(back);
    }

    /// <summary>The path a redirect leads to (Blazor's redirects are absolute).</summary>
    private static string PathOf(HttpResponseMessage redirect) =>
        redirect.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : redirect.Headers.Location!.OriginalString;

    private Task<List<FunnelSession>> SessionsAsync(FunnelShop funnel) => FunnelShop.SessionsAsync(factory, funnel.FunnelKey);

    /// <summary>The session's stored event kinds once there are <paramref name="count"/>: the writer stores batches in
    /// the background (within its one-second window), so the test waits for it, without timing anything.</summary>
    private async Task<List<FunnelEventKind>> EventuallyAsync(Guid sessionId, int count)
    {
        for (var tries = 0; ; tries++)
        {
            var kinds = await factory.WithDbAsync(db => db.FunnelEvents.IgnoreQueryFilters().AsNoTracking()
                .Where(e => e.FunnelSessionId == sessionId).Select(e => e.Kind).ToListAsync());
            if (kinds.Count >= count || tries == 300) return kinds;
            await Task.Delay(100);
        }
    }
}

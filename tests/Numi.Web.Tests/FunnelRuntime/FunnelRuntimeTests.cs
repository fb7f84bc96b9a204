using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Funnels;
using Numi.Web.Features.FunnelRuntime;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;
using static Numi.Web.Tests.Checkout.CheckoutSteps;
using static Numi.Web.Tests.FunnelRuntime.FunnelWalk;

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
        // The checkout's stylesheet (its cards and buttons) with the funnel's own rules on top; not the account pages'.
        Assert.Equal(["checkout.css", "funnel.css"], page.Head!.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href") ?? "")
            .Where(h => !h.Contains("theme", StringComparison.Ordinal)));

        using var second = await shopper.Client.GetAsync(funnel.Path);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(second.Headers.Contains("Set-Cookie"));
        Assert.Single(await SessionsAsync(factory, funnel));
    }

    [Fact]
    public async Task A_visitor_keeps_the_arm_picked_for_them_and_steps_not_reached_send_back()
    {
        using var funnel = await FunnelShop.CreateAsync(factory, variantWeight: 50);
        using var shopper = factory.CreateBrowser();

        var arms = new List<string?>();
        for (var i = 0; i < 3; i++) arms.Add((await shopper.GetPageAsync(funnel.Path)).QuerySelector("[data-testid=step]")?.GetAttribute("data-variant"));

        Assert.Single(arms.Distinct());
        var session = Assert.Single(await SessionsAsync(factory, funnel));
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
        Assert.Equal(2, (await SessionsAsync(factory, funnel)).Select(s => s.FunnelVersionId).Distinct().Count());
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
        Assert.Empty(await SessionsAsync(factory, funnel));
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
        Assert.Empty(await SessionsAsync(factory, funnel));
    }

    [Fact]
    public async Task An_archived_offer_is_a_friendly_page_not_an_error()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();
        await funnel.Shop.Api.PostOkAsync($"/api/v1/offers/{funnel.Shop.OfferId}", """{"status":"archived"}""");

        var checkout = await AdvanceAsync(shopper, funnel.Path, "next");
        using var shown = await shopper.Client.GetAsync(checkout);

        Assert.Equal(HttpStatusCode.Gone, shown.StatusCode);
        var page = Browser.Parse(await shown.Content.ReadAsStringAsync());
        Assert.Equal("This offer is no longer available", page.TestId("unavailable"));
        Assert.Null(page.QuerySelector("form#checkout-form"));
    }

    [Fact]
    public async Task Landing_checkout_upsell_accepted_thank_you_with_the_orders_attributed_and_the_events_stored()
    {
        using var funnel = await FunnelShop.CreateAsync(factory);
        using var shopper = factory.CreateBrowser();

        var checkout = await AdvanceAsync(shopper, funnel.Path, "next");
        Assert.Equal(funnel.StepPath(funnel.Checkout), checkout);
        var upsell = await PayAndReturnAsync(shopper, checkout);
        Assert.Equal(funnel.StepPath(funnel.Upsell), upsell);
        var upsellPage = await shopper.GetPageAsync(upsell);
        Assert.Equal("Add the burr grinder", upsellPage.TestId("sale-offer"));
        Assert.Single(upsellPage.QuerySelectorAll("[data-testid=cart-order]"));

        var thanks = await AdvanceAsync(shopper, upsell, "accept");
        Assert.Equal(funnel.StepPath(funnel.ThankYou), thanks);
        var page = await shopper.GetPageAsync(thanks);
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=cart-order]").Length);

        var session = Assert.Single(await SessionsAsync(factory, funnel));
        var orders = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.OrganizationId == funnel.Shop.OrganizationId).OrderBy(o => o.Number).ToListAsync());
        Assert.Equal(2, orders.Count);
        Assert.All(orders, o => Assert.Equal((funnel.FunnelKey, session.FunnelVersionId, StepVariant.ControlKey), (o.FunnelId, o.FunnelVersionId, o.FunnelVariant)));
        Assert.Equal((orders[0].Id, FunnelSessionStatus.Completed), (session.OrderId, session.Status));

        // Viewed: the landing, the checkout, the upsell twice (the test reads it, then its form), the thank-you.
        var kinds = await EventuallyAsync(factory, session.Id, count: 10);
        Assert.Equal([FunnelEventKind.StepViewed, FunnelEventKind.StepViewed, FunnelEventKind.StepViewed, FunnelEventKind.StepViewed, FunnelEventKind.StepViewed,
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
}

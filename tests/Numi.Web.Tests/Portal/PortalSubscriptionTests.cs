using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Subscriptions;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Portal;

/// <summary>A signed-in customer's subscription actions through the portal's forms: each is confirmed on its own page,
/// changes the status, says so, and lands in the timeline with the portal's note; another customer's or organization's
/// subscription and orders are not found.</summary>
[Collection(AppCollection.Name)]
public sealed class PortalSubscriptionTests(NumiFactory factory)
{
    private static async Task<HttpResponseMessage> ChooseAsync(Browser browser, PortalShop shop, string page, string choice)
    {
        var url = $"{shop.Home}/subscriptions/{shop.SubscriptionId}/{page}";
        var form = await browser.GetFormAsync(url, "portal-action");
        form.Fields["Choice"] = choice;
        return await browser.PostAsync(form);
    }

    private static async Task<string> DoneAsync(Browser browser, HttpResponseMessage response, PortalShop shop, string choice)
    {
        Assert.Equal($"{shop.Home}/subscriptions?done={choice}", response.Headers.Location!.PathAndQueryOrOriginal());
        var page = await browser.FollowAsync(response);
        Assert.NotEmpty(page.QuerySelector("[data-testid=done]")!.TextContent);
        return page.QuerySelector("[data-testid=status]")!.TextContent.Trim();
    }

    private Task<List<SubscriptionEvent>> TimelineAsync(PortalShop shop) => factory.WithDbAsync(db => db.SubscriptionEvents.IgnoreQueryFilters()
        .Where(e => e.OrganizationId == shop.OrganizationId).OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task Pause_resume_cancel_at_period_end_keep_and_cancel_now_change_the_status_and_the_timeline()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        using var browser = await factory.SignedInAsync(shop);
        var list = await browser.GetPageAsync(shop.Home + "/subscriptions");
        Assert.Equal("Active", list.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        Assert.StartsWith("Next billing date:", list.QuerySelector("[data-testid=next]")!.TextContent.Trim());
        Assert.Contains("$22.00", list.QuerySelector("[data-testid=subscription]")!.TextContent);

        using (var paused = await ChooseAsync(browser, shop, "pause", "pause")) Assert.Equal("Paused", await DoneAsync(browser, paused, shop, "pause"));
        using (var resumed = await ChooseAsync(browser, shop, "resume", "resume")) Assert.Equal("Active", await DoneAsync(browser, resumed, shop, "resume"));
        using (var ending = await ChooseAsync(browser, shop, "cancel", "cancel-at-period-end")) Assert.Equal("Active, ending", await DoneAsync(browser, ending, shop, "cancel-at-period-end"));
        using (var kept = await ChooseAsync(browser, shop, "keep", "keep")) Assert.Equal("Active", await DoneAsync(browser, kept, shop, "keep"));
        using (var canceled = await ChooseAsync(browser, shop, "cancel", "cancel-now")) Assert.Equal("Canceled", await DoneAsync(browser, canceled, shop, "cancel-now"));

        var api = await shop.Api.GetFromJsonElementAsync($"/api/v1/subscriptions/{shop.SubscriptionId}");
        Assert.Equal("canceled", api.GetProperty("status").GetString());
        var timeline = await TimelineAsync(shop);
        Assert.Equal([SubscriptionEventType.Paused, SubscriptionEventType.Resumed, SubscriptionEventType.CancelScheduled,
            SubscriptionEventType.CancelUndone, SubscriptionEventType.Canceled], timeline.Select(e => e.Type));
        Assert.All(timeline, e => Assert.Equal("by the customer in the portal", e.Note));
    }

    [Fact]
    public async Task Cancel_offers_pausing_first_when_the_plan_names_the_save_flow_and_a_plain_confirmation_otherwise()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        using var browser = await factory.SignedInAsync(shop);
        var url = $"{shop.Home}/subscriptions/{shop.SubscriptionId}/cancel";
        var plain = await browser.GetPageAsync(url);
        Assert.Null(plain.QuerySelector("[data-testid=save-flow]"));
        Assert.Null(plain.QuerySelector("button[data-testid=pause]"));

        var price = (await shop.Api.GetFromJsonElementAsync($"/api/v1/subscriptions/{shop.SubscriptionId}"))
            .GetProperty("items").GetProperty("data")[0].GetProperty("price").GetProperty("id").GetString();
        await shop.Api.PostOkAsync("/api/v1/plans", $$"""{"price":"{{price}}","name":"Club Monthly"}""");

        var saveFlow = await browser.GetPageAsync(url);
        Assert.Contains("Club Monthly", saveFlow.QuerySelector("[data-testid=save-flow]")!.TextContent);
        Assert.Equal(["pause", "cancel-at-period-end", "cancel-now"],
            saveFlow.QuerySelectorAll("main form button").Select(b => b.GetAttribute("value")));
        using var paused = await ChooseAsync(browser, shop, "cancel", "pause");
        Assert.Equal("Paused", await DoneAsync(browser, paused, shop, "pause"));
    }

    [Fact]
    public async Task A_plan_that_cancels_after_the_last_retry_gets_a_plain_confirmation()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        using var browser = await factory.SignedInAsync(shop);
        var price = (await shop.Api.GetFromJsonElementAsync($"/api/v1/subscriptions/{shop.SubscriptionId}"))
            .GetProperty("items").GetProperty("data")[0].GetProperty("price").GetProperty("id").GetString();
        await shop.Api.PostOkAsync("/api/v1/plans", """{"price":"PRICE","name":"Club Monthly","settings":{"campaign":{"steps":[{"day":1,"email":{"subject":"s","body":"{{update_card_url}}"}}]},"retry":{"after_last_retry":"cancel"}}}""".Replace("PRICE", price, StringComparison.Ordinal));

        var page = await browser.GetPageAsync($"{shop.Home}/subscriptions/{shop.SubscriptionId}/cancel");

        Assert.Null(page.QuerySelector("[data-testid=save-flow]"));
        Assert.Equal(["cancel-at-period-end", "cancel-now"], page.QuerySelectorAll("main form button").Select(b => b.GetAttribute("value")));
    }

    [Fact]
    public async Task A_refused_transition_is_shown_on_the_page_and_changes_nothing()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        using var browser = await factory.SignedInAsync(shop);

        using var resumed = await ChooseAsync(browser, shop, "resume", "resume");

        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Contains("Only a paused subscription can be resumed", (await Browser.ParseAsync(resumed)).QuerySelector("[data-testid=action-error]")!.TextContent);
        Assert.Empty(await TimelineAsync(shop));
    }

    [Fact]
    public async Task An_action_without_the_antiforgery_token_is_refused()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        using var browser = await factory.SignedInAsync(shop);
        var form = await browser.GetFormAsync($"{shop.Home}/subscriptions/{shop.SubscriptionId}/pause", "portal-action");
        form.Fields.Remove(Browser.AntiforgeryField);
        form.Fields["Choice"] = "pause";

        using var forged = await browser.PostAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty(await TimelineAsync(shop));
    }

    [Fact]
    public async Task Another_customers_and_another_organizations_orders_and_subscriptions_are_not_found()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        using var other = await factory.ShopWithSubscriberAsync();
        // A second customer of the same organization, with an order and a subscription of their own.
        var neighbour = $"ben-{Guid.NewGuid():N}@example.com";
        await Subscriptions.SubscriptionsTests.SubscribeAsync(shop.Api, neighbour);
        var theirs = (await shop.Api.GetFromJsonElementAsync("/api/v1/subscriptions?limit=1")).Ids()[0];
        Assert.NotEqual(shop.SubscriptionId, theirs);
        using var browser = await factory.SignedInAsync(shop);
        using var otherBrowser = await factory.SignedInAsync(other);
        var orders = await browser.GetPageAsync(shop.Home + "/orders");
        var mine = Assert.Single(orders.QuerySelectorAll("[data-testid=order] a")).TextContent.Trim().TrimStart('#');
        var numbers = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().Where(o => o.OrganizationId == shop.OrganizationId).Select(o => o.Number).ToListAsync());
        var theirOrder = Assert.Single(numbers, n => n.ToString(System.Globalization.CultureInfo.InvariantCulture) != mine);
        var otherOrder = await factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().Where(o => o.OrganizationId == other.OrganizationId).Select(o => o.Number).SingleAsync());

        var subscriptions = await browser.GetPageAsync(shop.Home + "/subscriptions");
        Assert.Equal([shop.SubscriptionId], subscriptions.QuerySelectorAll("[data-testid=subscription]").Select(s => s.GetAttribute("data-id")));
        foreach (var path in new[]
                 {
                     $"{shop.Home}/orders/{theirOrder}", $"{shop.Home}/subscriptions/{theirs}/cancel",
                     $"{shop.Home}/subscriptions/{other.SubscriptionId}/pause", $"{other.Home}/orders/{otherOrder}",
                 })
        {
            using var response = await browser.Client.GetAsync(path);
            // Another organization's portal does not know this browser's sign-in: it asks to sign in there.
            Assert.True(path.StartsWith(other.Home, StringComparison.Ordinal) ? response.StatusCode == HttpStatusCode.Redirect : response.StatusCode == HttpStatusCode.NotFound,
                $"{path} answered {(int)response.StatusCode}");
        }
        using var ownOrderNumberElsewhere = await otherBrowser.Client.GetAsync($"{other.Home}/orders/{theirOrder}");
        Assert.Equal(HttpStatusCode.NotFound, ownOrderNumberElsewhere.StatusCode);
        var form = await browser.GetFormAsync($"{shop.Home}/subscriptions/{shop.SubscriptionId}/pause", "portal-action");
        form.Fields["Choice"] = "pause";
        using var crossPost = await browser.Client.PostAsync($"{shop.Home}/subscriptions/{theirs}/pause", new FormUrlEncodedContent(form.Fields));
        Assert.Equal(HttpStatusCode.NotFound, crossPost.StatusCode);
        Assert.Empty(await TimelineAsync(shop));
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Subscriptions;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Subscriptions;

namespace Numi.Web.Tests.Portal;

/// <summary>A signed-in customer changes plan in the portal: the merchant's other plans of the subscription's currency
/// and interval, the proration shown before anything changes, the confirmation form, and another customer's
/// subscription not found.</summary>
[Collection(AppCollection.Name)]
public sealed class PortalPlanChangeTests(NumiFactory factory)
{
    [Fact]
    public async Task The_customer_sees_the_proration_then_confirms_and_the_subscription_is_on_the_new_plan()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        var pro = await PlanChangeApiTests.PlanAsync(shop.Api, 4_400);
        await PlanChangeApiTests.YearlyPlanAsync(shop.Api);
        using var browser = await factory.SignedInAsync(shop);
        var list = await browser.GetPageAsync(shop.Home + "/subscriptions");
        var page = $"{shop.Home}/subscriptions/{shop.SubscriptionId}/change-plan";
        Assert.Equal(page, list.QuerySelector("[data-testid=change-plan]")!.GetAttribute("href"));

        var choices = await browser.GetPageAsync(page);
        Assert.Equal([pro], choices.QuerySelectorAll("input[name=plan]").Select(i => i.GetAttribute("value")));
        var preview = await browser.GetPageAsync($"{page}?plan={pro}");
        Assert.Contains("Unused time on", preview.QuerySelector("[data-testid=proration]")!.TextContent);
        Assert.Equal("$22.00", preview.QuerySelector("[data-testid=total]")!.TextContent.Trim());
        Assert.Equal(2_200, (await shop.Api.GetFromJsonElementAsync($"/api/v1/subscriptions/{shop.SubscriptionId}")).GetProperty("items").GetProperty("data")[0].GetProperty("amount").GetInt64());

        var form = await browser.GetFormAsync($"{page}?plan={pro}", "portal-plan-change");
        using var confirmed = await browser.PostAsync(form);

        Assert.Equal($"{shop.Home}/subscriptions?done=plan-changed", confirmed.Headers.Location!.PathAndQueryOrOriginal());
        Assert.Equal("Your plan is changed.", (await browser.FollowAsync(confirmed)).QuerySelector("[data-testid=done]")!.TextContent.Trim());
        var subscription = await shop.Api.GetFromJsonElementAsync($"/api/v1/subscriptions/{shop.SubscriptionId}");
        Assert.Equal(4_400, subscription.GetProperty("items").GetProperty("data")[0].GetProperty("amount").GetInt64());
        var change = await factory.WithDbAsync(db => db.SubscriptionEvents.IgnoreQueryFilters()
            .SingleAsync(e => e.OrganizationId == shop.OrganizationId && e.Type == SubscriptionEventType.PlanChanged));
        Assert.Equal("by the customer in the portal", change.Note);
    }

    [Fact]
    public async Task Another_organizations_subscription_has_no_change_plan_page_nor_takes_its_form()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        using var other = await factory.ShopWithSubscriberAsync();
        var pro = await PlanChangeApiTests.PlanAsync(shop.Api, 4_400);
        using var browser = await factory.SignedInAsync(shop);
        var form = await browser.GetFormAsync($"{shop.Home}/subscriptions/{shop.SubscriptionId}/change-plan?plan={pro}", "portal-plan-change");

        using var page = await browser.Client.GetAsync($"{shop.Home}/subscriptions/{other.SubscriptionId}/change-plan");
        using var post = await browser.Client.PostAsync($"{shop.Home}/subscriptions/{other.SubscriptionId}/change-plan", new FormUrlEncodedContent(form.Fields));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (page.StatusCode, post.StatusCode));
        Assert.Equal(2_200, (await other.Api.GetFromJsonElementAsync($"/api/v1/subscriptions/{other.SubscriptionId}")).GetProperty("items").GetProperty("data")[0].GetProperty("amount").GetInt64());
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Interactive;

namespace Numi.Web.Tests.Pages;

/// <summary>The Plans pages and the subscription page as the server answers them: the list's empty state and the nav
/// entry are in the prerendered HTML, and another organization's plan or subscription, or none at all, is the 404 page.
/// What the pages do once interactive is tested with bUnit (PlansGridTests, PlanEditorTests, SubscriptionViewTests).</summary>
[Collection(AppCollection.Name)]
public sealed class PlanPagesTests(NumiFactory factory)
{
    [Fact]
    public async Task A_new_merchant_sees_the_empty_state_and_the_nav_entry()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();

        var page = await owner.GetPageAsync("/plans");

        Assert.Contains("No plans yet", page.QuerySelector("main [role=status] h2")?.TextContent);
        Assert.NotNull(page.QuerySelector("nav a[href='plans']"));
        Assert.NotNull(page.QuerySelector("main a[href='plans/new']"));
    }

    [Fact]
    public async Task The_plan_form_with_its_previews_is_in_the_prerendered_page()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        await factory.SeedMonthlyPriceAsync(organizationId);

        var page = await owner.GetPageAsync("/plans/new");

        Assert.Equal("New plan", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("input#plan-name"));
        Assert.Contains("insufficient funds is a soft decline", page.QuerySelector("[data-testid=retry-preview]")?.TextContent);
        Assert.Contains("Jane Doe", page.QuerySelector("[data-testid=plan-step-0-preview]")?.TextContent);
    }

    [Fact]
    public async Task Another_organization_gets_404_for_a_plan_and_a_subscription()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        var plan = await factory.SeedPlanAsync(organizationId, "Private plan");
        using (var api = factory.CreateApiClient(await factory.CreateApiKeyAsync(organizationId)))
            await Subscriptions.SubscriptionsTests.SubscribeAsync(api, "secret@example.com");
        var subscription = await factory.WithDbAsync(db => db.Subscriptions.IgnoreQueryFilters().SingleAsync(s => s.OrganizationId == organizationId));
        using var other = factory.CreateBrowser();
        await other.SignUpAsync();

        using var foreignPlan = await other.Client.GetAsync($"/plans/{plan.PublicId}");
        using var foreignSubscription = await other.Client.GetAsync($"/subscriptions/{subscription.PublicId}");
        using var minePlan = await owner.Client.GetAsync($"/plans/{plan.PublicId}");
        using var mineSubscription = await owner.Client.GetAsync($"/subscriptions/{subscription.PublicId}");

        Assert.Equal(HttpStatusCode.NotFound, foreignPlan.StatusCode);
        Assert.DoesNotContain("Private plan", await foreignPlan.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, foreignSubscription.StatusCode);
        Assert.DoesNotContain("secret@example.com", await foreignSubscription.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, minePlan.StatusCode);
        Assert.Contains("Private plan", await minePlan.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, mineSubscription.StatusCode);
        Assert.Contains("secret@example.com", await mineSubscription.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/plans/plan_00000000000000000000000000000000")]
    [InlineData("/plans/not-an-id")]
    [InlineData("/subscriptions/sub_00000000000000000000000000000000")]
    public async Task An_unknown_id_is_404(string path)
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();

        using var response = await owner.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

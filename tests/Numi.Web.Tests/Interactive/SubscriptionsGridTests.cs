using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Web.Features.Subscriptions;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The subscription list against the real database: empty state, newest first, search by email or product,
/// status (an unknown one matches nothing), and only the person's own organization.</summary>
[Collection(AppCollection.Name)]
public sealed class SubscriptionsGridTests(NumiFactory factory) : InteractiveTestContext
{
    private async Task<IRenderedComponent<SubscriptionsGrid>> OpenAsync(CircuitPerson person, string? search = null, string? status = null)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        return RenderInteractive<SubscriptionsGrid>(p => p.Add(x => x.Initial, SubscriptionFilter.FromQuery(search, status)));
    }

    private static List<string> Rows(IRenderedComponent<SubscriptionsGrid> grid) =>
        grid.FindAll("[data-testid=subscription-table] tbody tr.mud-table-row").Select(r => r.TextContent).ToList();

    [Fact]
    public async Task A_merchant_without_subscriptions_sees_how_to_get_one()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.BuyAsync(person, "one-time@example.com");

        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Contains("No subscriptions yet", grid.Markup));
        Assert.NotNull(grid.Find("a[href=catalog]"));
        Assert.Empty(grid.FindAll("[data-testid=subscription-table]"));
    }

    [Fact]
    public async Task Subscriptions_list_newest_first_with_price_status_customer_and_order()
    {
        var person = await factory.SignUpPersonAsync();
        var ana = await factory.SubscribeAsync(person, "ana@example.com");
        await factory.SubscribeAsync(person, "bob@example.com");

        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Equal(2, Rows(grid).Count));
        Assert.Contains("bob@example.com", Rows(grid)[0]);
        Assert.Contains("$22.00 every month", Rows(grid)[1]);
        Assert.Contains("active", Rows(grid)[1]);
        Assert.NotNull(grid.Find($"a[href='customers/{ana.Customer()}']"));
        Assert.NotNull(grid.Find($"a[href='orders/{ana.Id()}']"));
    }

    [Fact]
    public async Task Search_and_status_filter_and_an_unknown_status_matches_nothing()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.SubscribeAsync(person, "ana@example.com");
        await factory.SubscribeAsync(person, "bob@example.com");

        var found = await OpenAsync(person, "ANA@", "active");
        found.WaitForAssertion(() => Assert.Contains("ana@example.com", Assert.Single(Rows(found))));
        await DisposeComponentsAsync();
        var byProduct = RenderInteractive<SubscriptionsGrid>(p => p.Add(x => x.Initial, SubscriptionFilter.FromQuery("Coffee Club", null)));
        byProduct.WaitForAssertion(() => Assert.Equal(2, Rows(byProduct).Count));
        byProduct.Find("input[data-testid=subscriptions-search]").Input("nobody");
        byProduct.WaitForAssertion(() => Assert.NotNull(byProduct.Find("[data-testid=no-match]")), TimeSpan.FromSeconds(5));
        await DisposeComponentsAsync();
        var canceled = RenderInteractive<SubscriptionsGrid>(p => p.Add(x => x.Initial, SubscriptionFilter.FromQuery(null, "canceled")));
        canceled.WaitForAssertion(() => Assert.NotNull(canceled.Find("[data-testid=no-match]")));
        Assert.Empty(Rows(canceled));
    }

    [Fact]
    public async Task Picking_a_status_in_the_select_replaces_an_unknown_one_from_the_link()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.SubscribeAsync(person, "ana@example.com");
        await factory.SubscribeAsync(person, "bob@example.com");
        UseApp(factory, await factory.PrincipalAsync(person));
        var popovers = RenderInteractive<MudPopoverProvider>();
        var grid = Render<SubscriptionsGrid>(p => p.Add(x => x.Initial, SubscriptionFilter.FromQuery(null, "paused")));
        grid.WaitForAssertion(() => Assert.NotNull(grid.Find("[data-testid=no-match]")));

        grid.Find(".mud-select .mud-input-control").MouseDown();
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".mud-list-item")));
        popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "active").Click();

        grid.WaitForAssertion(() => Assert.Equal(2, Rows(grid).Count), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_subscription_needing_review_shows_the_badge_and_the_switch_or_the_link_keeps_only_those()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.SubscribeAsync(person, "ana@example.com");
        await factory.SubscribeAsync(person, "bob@example.com");
        var bob = await factory.WithDbAsync(db => db.Subscriptions.IgnoreQueryFilters()
            .Where(s => s.OrganizationId == person.OrganizationId && db.Customers.IgnoreQueryFilters().Any(c => c.Id == s.CustomerId && c.Email == "bob@example.com"))
            .Select(s => s.Id).SingleAsync());
        await Subscriptions.SubscriptionReviewApiTests.FlagAsync(factory, Core.Common.PublicId.Format(Core.Common.IdPrefixes.Subscription, bob));

        var grid = await OpenAsync(person);
        grid.WaitForAssertion(() => Assert.Equal(2, Rows(grid).Count));
        var flagged = Rows(grid).Single(r => r.Contains("bob@example.com"));
        Assert.Contains("Needs review", flagged);
        Assert.DoesNotContain("Needs review", Rows(grid).Single(r => r.Contains("ana@example.com")));
        Assert.Single(grid.FindAll("[data-testid=needs-review-badge]"));

        grid.Find("[data-testid=subscriptions-needs-review] input, input[data-testid=subscriptions-needs-review]").Change(true);
        grid.WaitForAssertion(() => Assert.Contains("bob@example.com", Assert.Single(Rows(grid))), TimeSpan.FromSeconds(5));
        await DisposeComponentsAsync();
        var linked = RenderInteractive<SubscriptionsGrid>(p => p.Add(x => x.Initial, SubscriptionFilter.FromQuery(null, "active", SubscriptionFilter.ReviewNeeded)));
        linked.WaitForAssertion(() => Assert.NotNull(linked.Find("[data-testid=no-match]")));
        Assert.Contains("needing review", linked.Find("[data-testid=no-match]").TextContent);
    }

    [Fact]
    public async Task Another_organizations_subscriptions_never_show()
    {
        var person = await factory.SignUpPersonAsync();
        var stranger = await factory.SignUpPersonAsync();
        await factory.SubscribeAsync(person, "ana@example.com");

        var grid = await OpenAsync(stranger);

        grid.WaitForAssertion(() => Assert.Contains("No subscriptions yet", grid.Markup));
        Assert.DoesNotContain("ana@example.com", grid.Markup);
    }
}

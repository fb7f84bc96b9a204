using Bunit;
using Numi.Web.Features.Plans;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The plan list against the real database: empty state, plans with their price, trial, strategy and campaign,
/// archived ones only when asked, and only the person's own organization.</summary>
[Collection(AppCollection.Name)]
public sealed class PlansGridTests(NumiFactory factory) : InteractiveTestContext
{
    private async Task<IRenderedComponent<PlansGrid>> OpenAsync(CircuitPerson person, bool withArchived = false)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        return RenderInteractive<PlansGrid>(p => p.Add(x => x.WithArchived, withArchived));
    }

    private static List<string> Rows(IRenderedComponent<PlansGrid> grid) =>
        grid.FindAll("[data-testid=plan-table] tbody tr.mud-table-row").Select(r => r.TextContent).ToList();

    [Fact]
    public async Task A_merchant_without_plans_sees_how_to_make_one()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.SeedMonthlyPriceAsync(person.OrganizationId);

        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Contains("No plans yet", grid.Markup));
        Assert.NotNull(grid.Find("a[href='plans/new']"));
        Assert.Empty(grid.FindAll("[data-testid=plan-table]"));
    }

    [Fact]
    public async Task Plans_list_with_price_trial_strategy_and_campaign_and_archived_ones_on_request()
    {
        var person = await factory.SignUpPersonAsync();
        var pro = await factory.SeedPlanAsync(person.OrganizationId, "Pro monthly");
        await factory.SeedPlanAsync(person.OrganizationId, "Old plan", archived: true);
        var stranger = await factory.SignUpPersonAsync();
        await factory.SeedPlanAsync(stranger.OrganizationId, "Stranger plan");

        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Single(Rows(grid)));
        var row = Rows(grid)[0];
        Assert.Contains("Pro monthly", row);
        Assert.Contains("$29.00 / month", row);
        Assert.Contains("none", row); // no trial
        Assert.Contains("mi_optimized", row);
        Assert.Contains("up to 4 in 14 days", row);
        Assert.Contains("standard · days 1, 3, 7, 14", row);
        Assert.Contains("Active", row);
        Assert.NotNull(grid.Find($"a[href='plans/{pro.PublicId}']"));

        grid.Find("input[data-testid=plans-archived], [data-testid=plans-archived] input").Change(true);

        grid.WaitForAssertion(() => Assert.Equal(2, Rows(grid).Count));
        Assert.Contains(Rows(grid), r => r.Contains("Old plan") && r.Contains("Archived"));
        Assert.DoesNotContain(Rows(grid), r => r.Contains("Stranger plan"));
    }
}

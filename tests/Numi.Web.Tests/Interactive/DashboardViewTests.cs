using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Numi.Contracts.Reporting;
using Numi.Web.Client.Dashboard;

namespace Numi.Web.Tests.Interactive;

public sealed class DashboardViewTests : InteractiveTestContext
{
    private FakeDashboardData _data = null!;

    private IRenderedComponent<DashboardView> RenderDashboard(DashboardFigures figures, bool welcome = false, bool joined = false,
        RecoveryFigures? recovery = null)
    {
        _data = new FakeDashboardData(figures, recovery);
        Services.AddSingleton<IDashboardData>(_data);
        return RenderInteractive<DashboardView>(ps => ps
            .Add(p => p.Welcome, welcome)
            .Add(p => p.Joined, joined)
            .AddCascadingValue(SampleSessions.InAcme()));
    }

    private static (string Value, string? Hint) Card(IRenderedComponent<DashboardView> cut, string testId)
    {
        var card = cut.Find($"[data-testid={testId}]");
        return (card.QuerySelector(".numi-kpi-value")!.TextContent, card.QuerySelector(".mud-typography-caption")?.TextContent);
    }

    [Fact]
    public void The_cards_show_the_figures()
    {
        var cut = RenderDashboard(new DashboardFigures(new MonthRevenue("usd", 3, 12_345, 0), ActiveSubscriptions: 2, Products: 5, Members: 4, ActiveApiKeys: 1));

        Assert.Equal(("$123.45", "3 orders, net of refunds"), Card(cut, "revenue"));
        Assert.Equal(("2", null), Card(cut, "active-subscriptions"));
        Assert.Equal(("5", null), Card(cut, "products"));
        Assert.Equal(("4", null), Card(cut, "members"));
        Assert.Equal(1, _data.Reads);
    }

    [Fact]
    public void Before_the_first_sale_revenue_is_a_dash_with_a_hint()
    {
        var cut = RenderDashboard(new DashboardFigures(null, ActiveSubscriptions: 0, Products: 0, Members: 1, ActiveApiKeys: 0));

        Assert.Equal(("—", "Appears with your first sale"), Card(cut, "revenue"));
        Assert.Equal(("0", "Appears when a recurring price sells"), Card(cut, "active-subscriptions"));
    }

    [Theory]
    [InlineData("eur", 1, 120_050L, 1, "€1,200.50", "1 order, net of refunds; sales in 1 other currency too")]
    [InlineData("jpy", 2, 1_200L, 3, "¥1,200", "2 orders, net of refunds; sales in 3 other currencies too")]
    [InlineData("sek", 4, 9_900L, 0, "SEK 99.00", "4 orders, net of refunds")]
    public void Revenue_is_shown_in_its_currency_with_the_orders_and_other_currencies(
        string currency, int orders, long net, int otherCurrencies, string value, string hint)
    {
        var cut = RenderDashboard(new DashboardFigures(new MonthRevenue(currency, orders, net, otherCurrencies), 0, 1, 1, 0));

        Assert.Equal((value, hint), Card(cut, "revenue"));
    }

    [Fact]
    public void A_person_who_just_joined_is_told_the_organizations_name()
    {
        var cut = RenderDashboard(new DashboardFigures(null, 0, 0, 2, 0), joined: true);

        var alert = Assert.Single(cut.FindAll(".mud-alert"));
        Assert.Equal("You joined Acme Coffee.", alert.TextContent.Trim());
    }

    [Fact]
    public void A_new_organization_is_welcomed_and_no_alert_shows_otherwise()
    {
        var welcomed = RenderDashboard(new DashboardFigures(null, 0, 0, 1, 0), welcome: true);
        Assert.Contains("Welcome to Numi!", Assert.Single(welcomed.FindAll(".mud-alert")).TextContent);

        var plain = RenderInteractive<DashboardView>(ps => ps.AddCascadingValue(SampleSessions.InAcme()));
        Assert.Empty(plain.FindAll(".mud-alert"));
    }

    [Fact]
    public void Get_started_marks_the_steps_the_figures_show_as_done()
    {
        var cut = RenderDashboard(new DashboardFigures(null, 0, Products: 3, Members: 1, ActiveApiKeys: 1));

        var done = cut.FindAll(".mud-list-item").Where(IsDone).Select(step => step.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(["catalog", "settings/api-keys"], done);
    }

    private static bool IsDone(IElement step) => step.QuerySelector(".mud-chip")?.TextContent.Trim() == "Done";

    [Fact]
    public void Without_failed_renewals_the_recovery_table_says_so()
    {
        var cut = RenderDashboard(new DashboardFigures(null, 0, 0, 1, 0));

        Assert.Contains("No renewal payment failed in the last 30 days", cut.Find("[data-testid=recovery-empty]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=recovery-by-retry]"));
    }

    [Fact]
    public void The_recovery_table_shows_each_retry_and_strategy_with_amounts_per_currency()
    {
        var recovery = new RecoveryFigures(0, 2_592_000,
            [new RecoveryByRetry(1, 4, 1, [new Numi.Contracts.Money(2_000, "usd")], 0.25m), new RecoveryByRetry(2, 3, 0, [], 0m)],
            [new RecoveryByStrategy("aggressive", 5, 2, [new Numi.Contracts.Money(1_500, "eur"), new Numi.Contracts.Money(2_000, "usd")], 0.4m)]);

        var cut = RenderDashboard(new DashboardFigures(null, 0, 0, 1, 0), recovery: recovery);

        Assert.Equal([["1st", "4", "1", "$20.00", "25%"], ["2nd", "3", "0", "—", "0%"]], Rows(cut, "recovery-by-retry"));
        Assert.Equal([["aggressive", "5", "2", "€15.00, $20.00", "40%"]], Rows(cut, "recovery-by-strategy"));
        Assert.Empty(cut.FindAll("[data-testid=recovery-empty]"));
    }

    private static List<string[]> Rows(IRenderedComponent<DashboardView> cut, string testId) =>
        [.. cut.FindAll($"[data-testid={testId}] tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray())];
}

using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Numi.Contracts;
using Numi.Contracts.Funnels;
using Numi.Web.Client.Funnels.Analytics;

namespace Numi.Web.Tests.Interactive;

public sealed class FunnelAnalyticsViewTests : InteractiveTestContext
{
    private static readonly DateOnly From = new(2026, 11, 3), To = new(2026, 12, 3);
    private FakeFunnelAnalyticsData _data = null!;

    private IRenderedComponent<FunnelAnalyticsView> RenderView(Func<DateOnly, DateOnly, FunnelStats?> stats)
    {
        _data = new FakeFunnelAnalyticsData(stats);
        Services.AddSingleton<IFunnelAnalyticsData>(_data);
        return RenderInteractive<FunnelAnalyticsView>(ps => ps.Add(p => p.FunnelId, "fnl_coffee"));
    }

    private static FunnelVariantStats Arm(string key, long visitors, long conversions, FunnelVariantComparison? comparison = null) =>
        new(key, key == "control" ? "Control" : "B", visitors, conversions, visitors == 0 ? null : (double)conversions / visitors, conversions * 2400,
            visitors == 0 ? null : conversions * 2400 / visitors, comparison);

    private static FunnelStats Traffic(DateOnly from, DateOnly to, FunnelVariantComparison comparison) => new("fnl_coffee", "Coffee", from, to,
        Visitors: 2000, CheckoutsStarted: 400, Orders: 250, Conversion: 0.125, [new Money(600_000, "usd")], "usd", 300,
        [
            new("landing", "Landing", true, 2000, 900, null, 0, [Arm("control", 1000, 420), Arm("b", 1000, 480, comparison)]),
            new("checkout", "Checkout", true, 450, 250, 0.225, 1550, [Arm("control", 450, 250)]),
        ]);

    private static FunnelStats Empty(DateOnly from, DateOnly to) => new("fnl_coffee", "Coffee", from, to, 0, 0, 0, null, [], null, null,
        [new("landing", "Landing", true, 0, 0, null, 0, [Arm("control", 0, 0)])]);

    private static string Card(IRenderedComponent<FunnelAnalyticsView> cut, string testId) =>
        cut.Find($"[data-testid={testId}] .numi-kpi-value").TextContent;

    [Fact]
    public void Without_events_the_page_says_no_visitors_yet()
    {
        var cut = RenderView(Empty);

        Assert.Contains("No visitors between 3 Nov 2026 and 2 Dec 2026 yet", cut.Find("[data-testid=empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=visitors]"));
        Assert.Equal((null, null), _data.Reads.Single());
    }

    [Fact]
    public void The_cards_chart_table_and_export_link_show_the_figures()
    {
        var verdict = new FunnelVariantComparison("control", 0.142857, 2.7, 0.0068, "variant_better",
            "Variant B converts better at 95% confidence: 48.0% against control's 42.0% (+14.3%), p = 0.0068.");
        var cut = RenderView((from, to) => Traffic(from, to, verdict));

        Assert.Equal(("2,000", "250", "12.5%", "$3.00"), (Card(cut, "visitors"), Card(cut, "orders"), Card(cut, "conversion"), Card(cut, "revenue-per-visitor")));
        Assert.Contains("400 started, 250 completed (62.5%)", cut.Find("[data-testid=checkouts]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindComponents<MudChart<double>>());
        var b = cut.Find("tr[data-step=landing][data-arm=b]");
        var cells = b.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["", "B", "1,000", "480", "48.0%"], cells.Take(5));
        Assert.Equal(["+14.3%", "0.0068", verdict.Summary], cells.Skip(8));
        Assert.Equal("api/v1/funnels/fnl_coffee/stats.csv?from=2026-11-03&to=2026-12-03", cut.Find("[data-testid=csv]").GetAttribute("href"));
    }

    [Fact]
    public void A_test_without_enough_data_says_so_in_words()
    {
        var verdict = new FunnelVariantComparison("control", 0.1, null, null, "not_enough_data",
            "Not enough data yet: each arm needs at least 100 visitors, 10 conversions and 10 visitors who did not convert (variant B has 40 visitors).");
        var cut = RenderView((from, to) => Traffic(from, to, verdict));

        var cell = cut.Find("tr[data-arm=b] .numi-verdict");
        Assert.Equal(verdict.Summary, cell.TextContent.Trim());
        Assert.Equal("not_enough_data", cell.GetAttribute("data-verdict"));
    }

    [Fact]
    public async Task Choosing_another_period_reloads_the_figures_for_it()
    {
        var cut = RenderView(Empty);
        var picker = cut.FindComponent<MudDateRangePicker>();

        await cut.InvokeAsync(() => picker.Instance.DateRangeChanged.InvokeAsync(new DateRange(new DateTime(2026, 10, 1), new DateTime(2026, 10, 31))));

        // The picker's last day is included; the API's `to` is the day after.
        cut.WaitForAssertion(() => Assert.Equal([(null, null), (new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1))], _data.Reads));
        Assert.Contains("between 1 Oct 2026 and 31 Oct 2026", cut.Find("[data-testid=empty]").TextContent, StringComparison.Ordinal);
        Assert.Equal("api/v1/funnels/fnl_coffee/stats.csv?from=2026-10-01&to=2026-11-01", cut.Find("[data-testid=csv]").GetAttribute("href"));
    }

    [Fact]
    public void A_funnel_of_another_organization_is_not_found()
    {
        var cut = RenderView((_, _) => null);

        Assert.Equal("This funnel does not exist in this organization.", cut.Find("[data-testid=missing]").TextContent.Trim());
    }

    /// <summary>Answers every read with <paramref name="stats"/> for the period asked (30 days to 3 Dec by default), and
    /// records the periods asked for.</summary>
    private sealed class FakeFunnelAnalyticsData(Func<DateOnly, DateOnly, FunnelStats?> stats) : IFunnelAnalyticsData
    {
        public List<(DateOnly? From, DateOnly? To)> Reads { get; } = [];

        public Task<FunnelStats?> ReadAsync(string funnelId, DateOnly? from, DateOnly? to, CancellationToken ct)
        {
            Reads.Add((from, to));
            return Task.FromResult(stats(from ?? From, to ?? To));
        }
    }
}

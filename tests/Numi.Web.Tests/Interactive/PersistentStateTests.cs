using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Numi.Contracts.Reporting;
using Numi.Web.Client.Dashboard;
using Numi.Web.Client.Shell;

namespace Numi.Web.Tests.Interactive;

/// <summary>What the prerender read reaches the interactive render through persistent state and is not read again.
/// Blazor computes the key of a [PersistentState] property from the component tree, so the state is not seeded by
/// hand: a first render stands for the prerender, its state is persisted and restored as at the end of a prerender,
/// and a second render of the same tree stands for the interactive one.</summary>
public sealed class PersistentStateTests : InteractiveTestContext
{
    private readonly BunitPersistentComponentState _state;

    public PersistentStateTests()
    {
        _state = AddBunitPersistentComponentState();
        // bUnit registers the state but not the supplier of [PersistentState] properties (AddRazorComponents does).
        Services.AddSupplyValueFromPersistentComponentStateProvider();
    }

    private async Task EndPrerenderAsync()
    {
        _state.TriggerOnPersisting();
        // Two shells at once would be two popover providers; the prerendered page is gone before the circuit renders anyway.
        await DisposeComponentsAsync();
    }

    [Fact]
    public async Task The_dashboard_shows_the_prerendered_figures_without_reading_them_again()
    {
        var data = new FakeDashboardData(new DashboardFigures(new MonthRevenue("usd", 1, 5_000, 0), 0, 7, 1, 0));
        Services.AddSingleton<IDashboardData>(data);
        RenderInteractive<DashboardView>(ps => ps.AddCascadingValue(SampleSessions.InAcme()));
        Assert.Equal(1, data.Reads);

        await EndPrerenderAsync();
        var interactive = RenderInteractive<DashboardView>(ps => ps.AddCascadingValue(SampleSessions.InAcme()));

        Assert.Equal("7", interactive.Find("[data-testid=products] .numi-kpi-value").TextContent);
        Assert.Equal("$50.00", interactive.Find("[data-testid=revenue] .numi-kpi-value").TextContent);
        Assert.Equal(1, data.Reads);
    }

    [Fact]
    public async Task The_shell_keeps_the_prerendered_session_without_reading_it_again()
    {
        var sessions = new FakeMerchantSessions(SampleSessions.InAcme());
        Services.AddSingleton<IMerchantSessions>(sessions);
        RenderInteractive<MerchantShell>(ps => ps.AddChildContent<SessionProbe>());
        Assert.Equal(1, sessions.Reads);

        await EndPrerenderAsync();
        var interactive = RenderInteractive<MerchantShell>(ps => ps.AddChildContent<SessionProbe>());

        Assert.Equal("Acme Coffee", interactive.Find("[data-testid=organization-name] button").TextContent.Trim());
        Assert.Equal("Acme Coffee", interactive.Find("[data-testid=page]").TextContent);
        Assert.Equal(1, sessions.Reads);
    }
}

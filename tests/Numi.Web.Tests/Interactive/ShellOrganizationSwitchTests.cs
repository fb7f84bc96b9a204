using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Numi.Web.Client.Shell;

namespace Numi.Web.Tests.Interactive;

public sealed class ShellOrganizationSwitchTests : InteractiveTestContext
{
    private readonly FakeMerchantSessions _sessions = new(SampleSessions.InAcme());

    private IRenderedComponent<MerchantShell> OpenSwitcher()
    {
        Services.AddSingleton<IMerchantSessions>(_sessions);
        var cut = RenderInteractive<MerchantShell>();
        cut.Find("[data-testid=organization-name] button").Click();
        return cut;
    }

    private static IElement Item(IRenderedComponent<MerchantShell> cut, string organization) =>
        cut.FindAll(".mud-popover-open [role=menuitem]").Single(item => item.TextContent.Contains(organization));

    [Fact]
    public void The_menu_lists_the_persons_organizations_with_their_role_and_marks_the_current_one()
    {
        var cut = OpenSwitcher();

        var acme = Item(cut, "Acme Coffee");
        Assert.Contains("Owner", acme.TextContent);
        Assert.Equal("true", acme.GetAttribute("aria-current"));
        Assert.Equal("true", acme.GetAttribute("aria-disabled"));
        var bolt = Item(cut, "Bolt Bikes");
        Assert.Contains("Member", bolt.TextContent);
        Assert.Null(bolt.GetAttribute("aria-current"));
        Assert.Equal("false", bolt.GetAttribute("aria-disabled"));
        Assert.Equal("organizations/new", Item(cut, "New organization").GetAttribute("href"));
    }

    [Fact]
    public void Choosing_another_organization_switches_and_reloads_the_dashboard()
    {
        var cut = OpenSwitcher();

        Item(cut, "Bolt Bikes").Click();

        cut.WaitForAssertion(() => Assert.Equal([SampleSessions.Bolt.Id], _sessions.Switches));
        var visit = Assert.Single(Navigation.History);
        Assert.Equal("", visit.Uri);
        Assert.True(visit.Options.ForceLoad);
    }

    [Fact]
    public void A_refused_switch_stays_on_the_page()
    {
        _sessions.SwitchAccepted = false;
        var cut = OpenSwitcher();

        Item(cut, "Bolt Bikes").Click();

        cut.WaitForAssertion(() => Assert.Equal([SampleSessions.Bolt.Id], _sessions.Switches));
        Assert.Empty(Navigation.History);
    }
}

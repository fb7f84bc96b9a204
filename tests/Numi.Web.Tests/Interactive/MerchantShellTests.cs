using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Numi.Contracts.Accounts;
using Numi.Web.Client.Shell;

namespace Numi.Web.Tests.Interactive;

public sealed class MerchantShellTests : InteractiveTestContext
{
    private FakeMerchantSessions _sessions = null!;

    private IRenderedComponent<MerchantShell> RenderShell(MerchantSession session, bool withoutOrganization = false)
    {
        _sessions = new FakeMerchantSessions(session);
        Services.AddSingleton<IMerchantSessions>(_sessions);
        return RenderInteractive<MerchantShell>(ps => ps.Add(p => p.WithoutOrganization, withoutOrganization).AddChildContent<SessionProbe>());
    }

    [Fact]
    public void The_frame_shows_the_organization_and_the_person_and_hands_the_session_to_the_page()
    {
        var cut = RenderShell(SampleSessions.InAcme());

        var switcher = cut.Find("[data-testid=organization-name] button");
        Assert.Equal("Acme Coffee", switcher.TextContent.Trim());
        Assert.Equal("Organization: Acme Coffee. Switch organization", switcher.GetAttribute("aria-label"));
        Assert.Equal("ada@example.test", cut.Find("[data-testid=user-menu] button").TextContent.Trim());
        Assert.Equal("Acme Coffee", cut.Find("[data-testid=page]").TextContent);
        Assert.Equal(1, _sessions.Reads);
    }

    [Fact]
    public void A_person_without_organization_gets_the_empty_state_instead_of_the_page()
    {
        var cut = RenderShell(SampleSessions.WithoutOrganization());

        var empty = cut.Find("#main [role=status]");
        Assert.Contains("You are not in an organization yet", empty.TextContent);
        Assert.Equal("organizations/new", empty.QuerySelector("a")?.GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=page]"));
        Assert.Empty(cut.FindAll("[data-testid=organization-name]"));
        Assert.Equal("newcomer@example.test", cut.Find("[data-testid=user-menu] button").TextContent.Trim());
    }

    [Fact]
    public void A_page_open_without_organization_renders_for_a_person_in_none_with_their_session()
    {
        var cut = RenderShell(SampleSessions.WithoutOrganization(), withoutOrganization: true);

        // The page gets the person's session, with no current organization.
        Assert.Equal("newcomer@example.test", cut.Find("[data-testid=page]").GetAttribute("data-email"));
        Assert.Equal("no organization", cut.Find("[data-testid=page]").TextContent);
        Assert.DoesNotContain("You are not in an organization yet", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=organization-name]"));
        Assert.Equal("newcomer@example.test", cut.Find("[data-testid=user-menu] button").TextContent.Trim());
    }

    [Fact]
    public void A_page_open_without_organization_renders_as_any_page_for_a_person_in_one()
    {
        var cut = RenderShell(SampleSessions.InAcme(), withoutOrganization: true);

        Assert.Equal("Acme Coffee", cut.Find("[data-testid=page]").TextContent);
        Assert.Equal("Acme Coffee", cut.Find("[data-testid=organization-name] button").TextContent.Trim());
    }

    [Theory]
    [InlineData(false, true, new[] { "", "catalog", "offers", "discounts", "funnels", "leads", "orders", "customers", "subscriptions", "plans", "invoices", "settings" })]
    [InlineData(true, true, new[] { "", "catalog", "offers", "discounts", "funnels", "leads", "orders", "customers", "subscriptions", "plans", "invoices", "settings", "admin/outbox", "admin/clock" })]
    [InlineData(true, false, new[] { "", "catalog", "offers", "discounts", "funnels", "leads", "orders", "customers", "subscriptions", "plans", "invoices", "settings", "admin/outbox" })]
    public void The_navigation_lists_the_sections_and_the_outbox_and_clock_only_for_platform_admins_and_the_clock_only_where_it_moves(
        bool platformAdmin, bool clockMovable, string[] sections)
    {
        var cut = RenderShell(SampleSessions.InAcme(platformAdmin, clockMovable));

        var links = cut.FindAll("nav[aria-label=Main] a.mud-nav-link");
        Assert.Equal(sections, links.Select(a => a.GetAttribute("href")));
        Assert.Equal(platformAdmin, links.Any(a => a.TextContent.Contains("Outbox")));
        Assert.Equal(platformAdmin && clockMovable, links.Any(a => a.TextContent.Contains("Clock")));
    }

    [Fact]
    public void When_the_sign_in_ends_the_page_is_fully_reloaded_at_the_address_given()
    {
        var cut = RenderShell(SampleSessions.InAcme());

        _sessions.End("account/signin?signedOut=true");

        cut.WaitForAssertion(() =>
        {
            var visit = Assert.Single(Navigation.History);
            Assert.Equal("account/signin?signedOut=true", visit.Uri);
            Assert.True(visit.Options.ForceLoad);
        });
    }

    [Fact]
    public async Task A_closed_frame_stops_listening_for_the_end_of_the_sign_in()
    {
        RenderShell(SampleSessions.InAcme());
        Assert.Equal(1, _sessions.EndedListeners);

        await DisposeComponentsAsync();

        Assert.Equal(0, _sessions.EndedListeners);
    }

    [Fact]
    public void The_theme_toggle_switches_to_dark_and_back_and_remembers_the_choice()
    {
        var cut = RenderShell(SampleSessions.InAcme());

        cut.Find("[data-testid=theme-toggle]").Click();
        Assert.Equal("Use the light theme", cut.Find("[data-testid=theme-toggle]").GetAttribute("aria-label"));
        cut.Find("[data-testid=theme-toggle]").Click();

        var saved = JSInterop.Invocations["numiApp.saveTheme"].Select(call => call.Arguments.Single());
        Assert.Equal(["dark", "light"], saved);
        Assert.Equal("Use the dark theme", cut.Find("[data-testid=theme-toggle]").GetAttribute("aria-label"));
    }
}

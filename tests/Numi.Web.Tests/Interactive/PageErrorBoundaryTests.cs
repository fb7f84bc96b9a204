using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Numi.Web.Client.Api;
using Numi.Web.Client.Shell;

namespace Numi.Web.Tests.Interactive;

/// <summary>A fault in a page stays inside the page: the frame remains, with a way to reload.</summary>
public sealed class PageErrorBoundaryTests : InteractiveTestContext
{
    private IRenderedComponent<MerchantShell> RenderShellAround(Exception fault)
    {
        Services.AddSingleton<IMerchantSessions>(new FakeMerchantSessions(SampleSessions.InAcme()));
        return RenderInteractive<MerchantShell>(ps => ps.AddChildContent<FaultyPage>(page => page.Add(p => p.Fault, fault)));
    }

    [Fact]
    public void A_failing_page_shows_the_error_and_a_reload_link_inside_the_frame()
    {
        var cut = RenderShellAround(new InvalidOperationException("boom"));

        cut.WaitForAssertion(() => Assert.Contains("Something went wrong on this page", cut.Find("[data-testid=page-error]").TextContent));
        Assert.Equal(Navigation.Uri, cut.Find("[data-testid=page-error] a").GetAttribute("href"));
        Assert.Equal("Acme Coffee", cut.Find("[data-testid=organization-name] button").TextContent.Trim());
        Assert.DoesNotContain("boom", cut.Markup);
    }

    [Fact]
    public void A_page_whose_sign_in_ended_shows_only_that_it_reloads()
    {
        var cut = RenderShellAround(new SessionEndedException());

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#main [aria-label=Reloading]")));
        Assert.Empty(cut.FindAll("[data-testid=page-error]"));
    }
}

using Bunit;
using Numi.Web.Features.Settings;

namespace Numi.Web.Tests.Interactive;

/// <summary>The settings tabs: a link per section, the current one marked (a tax rate's form under its list's tab).</summary>
public sealed class SettingsTabsTests : InteractiveTestContext
{
    private string[] Current(string uri)
    {
        Navigation.NavigateTo(uri);
        var tabs = RenderInteractive<SettingsTabs>();
        return tabs.FindAll("a[aria-current=page]").Select(a => a.TextContent.Trim()).ToArray();
    }

    [Fact]
    public void Every_section_has_a_link()
    {
        var tabs = RenderInteractive<SettingsTabs>();
        Assert.Equal(["settings", "settings/members", "settings/tax-rates", "settings/api-keys", "settings/stripe", "settings/webhook-events"],
            tabs.FindAll("a").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData("settings", "Organization")]
    [InlineData("settings/tax-rates?message=Saved.", "Tax rates")]
    [InlineData("settings/tax-rates/txr_123/edit", "Tax rates")]
    [InlineData("settings/api-keys", "API keys")]
    public void The_current_section_is_marked(string uri, string expected) => Assert.Equal([expected], Current(uri));
}

using Bunit;
using MudBlazor;
using Numi.Web.Features.Funnels;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The funnel list against the real database: the empty state, the create dialog's refusals and the canvas it
/// opens, a row's status, and archiving after the question.</summary>
[Collection(AppCollection.Name)]
public sealed class FunnelsGridTests(NumiFactory factory) : InteractiveTestContext
{
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    private async Task<IRenderedComponent<FunnelsGrid>> OpenAsync(CircuitPerson person)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        RenderInteractive<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        return Render<FunnelsGrid>();
    }

    /// <summary>Creates a funnel named <paramref name="name"/> with the grid's dialog (the canvas then opens).</summary>
    internal static async Task CreateAsync(IRenderedComponent<FunnelsGrid> grid, IRenderedComponent<MudDialogProvider> dialogs, string name)
    {
        grid.Find("[data-testid=new-funnel]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=funnel-create]"));
        dialogs.Find("input[data-testid=funnel-name], [data-testid=funnel-name] input").Input(name);
        await dialogs.Find("[data-testid=funnel-create]").ClickAsync(new());
    }

    [Fact]
    public async Task A_new_merchant_sees_how_to_start_and_no_grid()
    {
        var grid = await OpenAsync(await factory.SignUpPersonAsync());

        grid.WaitForAssertion(() => Assert.Contains("No funnels yet", grid.Markup));
        Assert.NotNull(grid.Find("[data-testid=new-funnel]"));
        Assert.Empty(grid.FindAll("[data-testid=funnel-table]"));
    }

    [Fact]
    public async Task The_dialog_shows_why_a_name_is_refused_and_a_new_funnel_opens_its_canvas()
    {
        var grid = await OpenAsync(await factory.SignUpPersonAsync());
        grid.WaitForAssertion(() => grid.Find("[data-testid=new-funnel]"));

        grid.Find("[data-testid=new-funnel]").Click();
        _dialogs.WaitForAssertion(() => _dialogs.Find("[data-testid=funnel-create]"));
        await _dialogs.Find("[data-testid=funnel-create]").ClickAsync(new());
        _dialogs.WaitForAssertion(() => Assert.NotEmpty(_dialogs.FindAll(".mud-input-error")));

        _dialogs.Find("input[data-testid=funnel-name], [data-testid=funnel-name] input").Input("Spring journey");
        await _dialogs.Find("[data-testid=funnel-create]").ClickAsync(new());

        grid.WaitForAssertion(() => Assert.Matches(@"/funnels/fnl_[a-z0-9]+$", Navigation.Uri));
    }

    [Fact]
    public async Task A_funnel_is_listed_with_its_status_and_archived_after_the_question()
    {
        var person = await factory.SignUpPersonAsync();
        var grid = await OpenAsync(person);
        grid.WaitForAssertion(() => grid.Find("[data-testid=new-funnel]"));
        await CreateAsync(grid, _dialogs, "Summer journey");

        var list = Render<FunnelsGrid>();
        list.WaitForAssertion(() => Assert.Equal("draft", list.Find("[data-testid=funnel-status]").TextContent.Trim()));
        Assert.Contains("/summer-journey", list.Find("[data-testid=funnel-table]").TextContent);

        list.Find("[data-testid=funnel-archive]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Archive Summer journey?", _dialogs.Markup));
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Archive").Click();

        list.WaitForAssertion(() => Assert.Equal("archived", list.Find("[data-testid=funnel-status]").TextContent.Trim()));
        Assert.NotNull(list.Find("[data-testid=funnel-restore]"));
    }
}

using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Core.Catalog;
using Numi.Core.Offers;
using Numi.Web.Features.Offers;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Pages;

namespace Numi.Web.Tests.Interactive;

/// <summary>The offer editor against the real database, with the providers its selects, dialogs and snackbars need,
/// and the ways a person fills and reads it.</summary>
public abstract class OfferEditorContext(NumiFactory factory) : InteractiveTestContext
{
    protected NumiFactory Factory { get; } = factory;
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = null!;
    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = null!;
    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; private set; } = null!;
    protected IRenderedComponent<OfferEditor> Editor { get; private set; } = null!;
    private CircuitPerson? _signedIn;

    /// <summary>Signs <paramref name="person"/> in and opens <paramref name="offerId"/> in the editor, on <paramref name="tab"/>.</summary>
    protected async Task<IRenderedComponent<OfferEditor>> OpenAsync(CircuitPerson person, string offerId, string? tab = null)
    {
        // A second open in the same test (after DisposeComponentsAsync) keeps the services built for the first.
        if (_signedIn is null) UseApp(Factory, await Factory.PrincipalAsync(person));
        else Assert.Equal(person, _signedIn);
        _signedIn = person;
        Popovers = RenderInteractive<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
        Snackbars = Render<MudSnackbarProvider>();
        Editor = Render<OfferEditor>(p => p.Add(x => x.Id, offerId).Add(x => x.Tab, tab));
        Editor.WaitForAssertion(() => Assert.NotEmpty(Editor.FindAll("[data-testid=offer-tabs], [role=status]")));
        return Editor;
    }

    /// <summary>A person with a USD offer "Coffee Club" (seeded as <see cref="OfferKit.SeedOfferAsync"/> does), opened in the editor.</summary>
    protected async Task<(CircuitPerson Person, Offer Offer)> OpenOfferAsync(string? tab = null, string slug = "coffee-club",
        OfferStatus status = OfferStatus.Draft, int bumps = 0)
    {
        var person = await Factory.SignUpPersonAsync();
        var offer = await Factory.SeedOfferAsync(person.OrganizationId, "Coffee Club", slug, status, bumps);
        await OpenAsync(person, offer.PublicId, tab);
        return (person, offer);
    }

    protected async Task<Price> SeedPricedProductAsync(Guid organizationId, string name, string currency, long amount)
    {
        var product = await Factory.SeedProductAsync(organizationId, name);
        return await Factory.SeedPriceAsync(organizationId, product.Id, currency, amount);
    }

    protected Task<Offer> StoredAsync(Guid offerId) =>
        Factory.WithDbAsync(db => db.Offers.IgnoreQueryFilters().AsNoTracking().WithSlots().AsSplitQuery().SingleAsync(o => o.Id == offerId));

    /// <summary>Opens a tab by clicking it.</summary>
    protected void Tab(string label) =>
        Editor.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == label).Click();

    /// <summary>Picks <paramref name="item"/> (or the item starting with it) in the Mud select labelled <paramref name="label"/>.</summary>
    protected void Select(string label, string item)
    {
        var select = Editor.FindAll(".mud-select").First(s => s.QuerySelector("label")?.TextContent.Trim() == label);
        select.QuerySelector(".mud-input-control")!.MouseDown();
        var popovers = Popovers;
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-list-item"), i => i.TextContent.Trim().StartsWith(item, StringComparison.Ordinal)));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim().StartsWith(item, StringComparison.Ordinal)).Click();
    }

    /// <summary>Types into the input <paramref name="id"/> (as on blur).</summary>
    protected void Type(string id, string value) => Editor.Find($"#{id}").Change(value);

    protected string? MessageUnder(string id) => Editor.MessageUnder($"#{id}");

    /// <summary>Answers the open confirmation with the button labelled <paramref name="button"/>.</summary>
    protected void Answer(string question, string button)
    {
        var dialogs = Dialogs;
        dialogs.WaitForAssertion(() => Assert.Contains(question, dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == button).Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain(question, dialogs.Markup));
    }

    protected void WaitForSnackbar(string message)
    {
        var snackbars = Snackbars;
        snackbars.WaitForAssertion(() => Assert.Contains(message, snackbars.Markup));
    }
}

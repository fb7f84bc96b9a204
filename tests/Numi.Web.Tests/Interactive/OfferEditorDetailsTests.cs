using Bunit;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Offers;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The offer editor's details tab: name, slug and description saved through the Core, its messages under
/// their fields with nothing saved, the currency fixed while slots hold prices, and the one-click upsell.</summary>
[Collection(AppCollection.Name)]
public sealed class OfferEditorDetailsTests(NumiFactory factory) : OfferEditorContext(factory)
{
    /// <summary>"Grinder Deal", a draft in USD, then "Coffee Club" opened on its details tab.</summary>
    private async Task<(Offer Upsell, Offer Offer)> OpenWithAnotherOfferAsync(string suffix)
    {
        var person = await Factory.SignUpPersonAsync();
        var upsell = await Factory.SeedOfferAsync(person.OrganizationId, "Grinder Deal", $"grinder-{suffix}");
        var offer = await Factory.SeedOfferAsync(person.OrganizationId, "Coffee Club", $"club-{suffix}");
        await OpenAsync(person, offer.PublicId, "details");
        return (upsell, offer);
    }

    [Fact]
    public async Task Details_are_saved_and_the_heading_follows()
    {
        var (_, offer) = await OpenOfferAsync("details", "club-details");

        Type("offer-name", "Tea Club");
        Type("offer-slug", "Tea-Club");
        Type("offer-description", "Leaves, monthly");
        Select("Currency", "EUR");
        await Editor.Find("[data-testid=details-form]").SubmitAsync();

        WaitForSnackbar("Details saved.");
        Editor.WaitForAssertion(() => Assert.Equal("Tea Club", Editor.Find("h1").TextContent.Trim()));
        var stored = await StoredAsync(offer.Id);
        Assert.Equal(("Tea Club", "tea-club", "Leaves, monthly", "eur"), (stored.Name, stored.Slug, stored.Description, stored.Currency));
    }

    [Fact]
    public async Task A_missing_name_and_a_taken_slug_are_refused_under_their_fields_and_nothing_is_saved()
    {
        var person = await Factory.SignUpPersonAsync();
        await Factory.SeedOfferAsync(person.OrganizationId, "First", "taken-slug");
        var offer = await Factory.SeedOfferAsync(person.OrganizationId, "Second", "second-slug");
        await OpenAsync(person, offer.PublicId, "details");

        Type("offer-name", "");
        Type("offer-slug", "no");
        await Editor.Find("[data-testid=details-form]").SubmitAsync();
        Editor.WaitForAssertion(() => Assert.Equal("Give the offer a name.", MessageUnder("offer-name")));
        Assert.Equal("A slug has 3–40 lower-case letters, digits and single hyphens, e.g. coffee-club.", MessageUnder("offer-slug"));

        Type("offer-name", "Second");
        Type("offer-slug", "taken-slug");
        await Editor.Find("[data-testid=details-form]").SubmitAsync();
        Editor.WaitForAssertion(() => Assert.Equal("Another offer already uses the slug 'taken-slug'.", MessageUnder("offer-slug")));
        Assert.Null(MessageUnder("offer-name"));
        Assert.Equal(("Second", "second-slug"), ((await StoredAsync(offer.Id)).Name, (await StoredAsync(offer.Id)).Slug));
    }

    [Fact]
    public async Task The_currency_is_fixed_while_slots_hold_prices()
    {
        var person = await Factory.SignUpPersonAsync();
        var offer = await Factory.SeedOfferAsync(person.OrganizationId, "Coffee Club", "club-currency", bumps: 1);
        await OpenAsync(person, offer.PublicId, "details");

        var currency = Editor.FindAll(".mud-select").First(s => s.QuerySelector("label")?.TextContent.Trim() == "Currency");
        Assert.Contains("mud-disabled", currency.InnerHtml);
        Assert.Contains("Fixed while slots hold prices.", currency.TextContent);
    }

    [Fact]
    public async Task An_upsell_offer_of_the_same_currency_is_saved_and_removed()
    {
        var (upsell, offer) = await OpenWithAnotherOfferAsync("deal");

        Select("Upsell offer", "Grinder Deal (draft)");
        await Editor.Find("[data-testid=upsell-form]").SubmitAsync();
        WaitForSnackbar("Upsell saved.");
        Assert.Equal(upsell.Id, (await StoredAsync(offer.Id)).UpsellOfferId);

        Select("Upsell offer", "None");
        await Editor.Find("[data-testid=upsell-form]").SubmitAsync();
        WaitForSnackbar("Upsell removed.");
        Assert.Null((await StoredAsync(offer.Id)).UpsellOfferId);
    }

    [Fact]
    public async Task An_upsell_that_changed_currency_meanwhile_is_refused_under_the_select()
    {
        var (upsell, offer) = await OpenWithAnotherOfferAsync("euro");
        await Factory.WithDbAsync(db => db.Offers.IgnoreQueryFilters().Where(o => o.Id == upsell.Id)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.Currency, "eur")));

        Select("Upsell offer", "Grinder Deal");
        await Editor.Find("[data-testid=upsell-form]").SubmitAsync();

        Editor.WaitForAssertion(() => Assert.Equal("The upsell sells in EUR; this offer sells in USD.", MessageUnder("offer-upsell")));
        Assert.Null((await StoredAsync(offer.Id)).UpsellOfferId);
    }
}

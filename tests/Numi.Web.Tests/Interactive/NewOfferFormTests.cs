using Bunit;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Offers;
using Numi.Web.Features.Offers;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The new-offer form against the real database: a draft is created and opened, an empty slug is made from the
/// name, and the Core's messages show under their fields with nothing saved.</summary>
[Collection(AppCollection.Name)]
public sealed class NewOfferFormTests(NumiFactory factory) : InteractiveTestContext
{
    private async Task<IRenderedComponent<NewOfferForm>> OpenAsync(CircuitPerson person)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        var form = RenderInteractive<NewOfferForm>();
        form.WaitForElement("#offer-name");
        return form;
    }

    private static string? FieldMessage(IRenderedComponent<NewOfferForm> form, string id) =>
        form.Find($"#{id}").Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();

    private Task<List<Offer>> OffersOfAsync(Guid organizationId) =>
        factory.WithDbAsync(db => db.Offers.IgnoreQueryFilters().AsNoTracking().Where(o => o.OrganizationId == organizationId).ToListAsync());

    [Fact]
    public async Task Creating_an_offer_stores_a_draft_in_the_default_currency_and_opens_its_editor()
    {
        var person = await factory.SignUpPersonAsync();
        var form = await OpenAsync(person);
        Assert.Contains("USD", form.Find("[data-testid=offer-currency]").ParentElement!.OuterHtml);

        form.Find("#offer-name").Change("Coffee Club");
        form.Find("#offer-slug").Change("Coffee-Club");
        form.Find("#offer-description").Change("Monthly beans");
        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Contains("/offers/offer_", Navigation.Uri));
        var offer = Assert.Single(await OffersOfAsync(person.OrganizationId));
        Assert.Equal(("Coffee Club", "coffee-club", "Monthly beans", "usd", OfferStatus.Draft),
            (offer.Name, offer.Slug, offer.Description, offer.Currency, offer.Status));
        Assert.Contains($"/offers/{offer.PublicId}?message=", Navigation.Uri);
        Assert.Contains("Offer created as a draft", Uri.UnescapeDataString(Navigation.Uri));
    }

    [Fact]
    public async Task An_empty_slug_is_made_from_the_name()
    {
        var person = await factory.SignUpPersonAsync();
        var form = await OpenAsync(person);

        form.Find("#offer-name").Change("Tea Sampler");
        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Contains("/offers/offer_", Navigation.Uri));
        Assert.Equal("tea-sampler", Assert.Single(await OffersOfAsync(person.OrganizationId)).Slug);
    }

    [Fact]
    public async Task A_duplicate_slug_is_refused_under_the_slug_and_nothing_is_saved()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.SeedOfferAsync(person.OrganizationId, "First", "same-slug");
        var form = await OpenAsync(person);

        form.Find("#offer-name").Change("Second");
        form.Find("#offer-slug").Change("same-slug");
        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Equal("Another offer already uses the slug 'same-slug'.", FieldMessage(form, "offer-slug")));
        Assert.Null(FieldMessage(form, "offer-name"));
        Assert.Single(await OffersOfAsync(person.OrganizationId));
        Assert.DoesNotContain("/offers/offer_", Navigation.Uri);
    }

    [Fact]
    public async Task A_missing_name_is_refused_under_the_name_and_clears_once_typed()
    {
        var person = await factory.SignUpPersonAsync();
        var form = await OpenAsync(person);

        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Equal("Give the offer a name.", FieldMessage(form, "offer-name")));
        Assert.Empty(await OffersOfAsync(person.OrganizationId));
        form.Find("#offer-name").Change("C");
        form.WaitForAssertion(() => Assert.Null(FieldMessage(form, "offer-name")));
    }
}

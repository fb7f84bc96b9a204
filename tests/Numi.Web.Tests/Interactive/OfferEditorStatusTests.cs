using Bunit;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Offers;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The offer editor's status actions (publish without asking; unpublish and archive after a confirmation that
/// can be declined), the refusal to publish an offer with nothing to sell, and another organization's offer.</summary>
[Collection(AppCollection.Name)]
public sealed class OfferEditorStatusTests(NumiFactory factory) : OfferEditorContext(factory)
{
    private string Status() => Editor.Find("[data-testid=offer-status]").TextContent.Trim();

    private async Task<OfferStatus> StoredStatusAsync(Guid offerId) => (await StoredAsync(offerId)).Status;

    [Fact]
    public async Task Publishing_shows_the_published_badge_and_the_checkout_link_and_unpublishing_asks_first()
    {
        var person = await Factory.SignUpPersonAsync();
        // A published offer's seed (one required slot), put back to a draft.
        var offer = await Factory.SeedOfferAsync(person.OrganizationId, "Coffee Club", "club-publish", OfferStatus.Published);
        await Factory.WithDbAsync(db => db.Offers.IgnoreQueryFilters().Where(o => o.Id == offer.Id)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.Status, OfferStatus.Draft)));
        await OpenAsync(person, offer.PublicId);
        Assert.Equal("Draft", Status());
        Assert.Empty(Editor.FindAll("[data-testid=open-checkout]"));

        Editor.Find("[data-testid=status-published]").Click();

        WaitForSnackbar("Offer published.");
        Editor.WaitForAssertion(() => Assert.Equal("Published", Status()));
        Assert.Equal(OfferStatus.Published, await StoredStatusAsync(offer.Id));
        Assert.Empty(Editor.FindAll("[data-testid=status-published]"));
        var slug = await Factory.WithDbAsync(db => db.Organizations.IgnoreQueryFilters().Where(o => o.Id == person.OrganizationId).Select(o => o.Slug).SingleAsync());
        Assert.Equal($"c/{slug}/club-publish", Editor.Find("[data-testid=open-checkout]").GetAttribute("href"));
        Assert.Equal("_blank", Editor.Find("[data-testid=open-checkout]").GetAttribute("target"));

        Editor.Find("[data-testid=status-draft]").Click();
        Answer("Unpublish Coffee Club?", "Cancel");
        Assert.Equal(OfferStatus.Published, await StoredStatusAsync(offer.Id));
        Assert.Equal("Published", Status());

        Editor.Find("[data-testid=status-draft]").Click();
        Answer("Unpublish Coffee Club?", "Unpublish");
        WaitForSnackbar("Offer is a draft again.");
        Editor.WaitForAssertion(() => Assert.Equal("Draft", Status()));
        Assert.Equal(OfferStatus.Draft, await StoredStatusAsync(offer.Id));
    }

    [Fact]
    public async Task Publishing_an_offer_without_a_required_slot_is_refused_and_it_stays_a_draft()
    {
        var (_, offer) = await OpenOfferAsync(slug: "club-empty");

        Editor.Find("[data-testid=status-published]").Click();

        Editor.WaitForAssertion(() => Assert.Contains("Add at least one required slot with a price before publishing.",
            Editor.Find("[data-testid=status-errors]").TextContent));
        Assert.Equal("Draft", Status());
        Assert.Equal(OfferStatus.Draft, await StoredStatusAsync(offer.Id));
    }

    [Fact]
    public async Task Archiving_asks_first_and_an_archived_offer_can_be_restored_as_a_draft()
    {
        var (_, offer) = await OpenOfferAsync(slug: "club-archive");

        Editor.Find("[data-testid=status-archived]").Click();
        Answer("Archive Coffee Club?", "Cancel");
        Assert.Equal(OfferStatus.Draft, await StoredStatusAsync(offer.Id));

        Editor.Find("[data-testid=status-archived]").Click();
        Answer("Archive Coffee Club?", "Archive");
        WaitForSnackbar("Offer archived.");
        Editor.WaitForAssertion(() => Assert.Equal("Archived", Status()));
        Assert.Equal(OfferStatus.Archived, await StoredStatusAsync(offer.Id));

        Editor.Find("[data-testid=status-draft]").Click();
        Editor.WaitForAssertion(() => Assert.Equal("Draft", Status()));
        Assert.Equal(OfferStatus.Draft, await StoredStatusAsync(offer.Id));
    }

    [Fact]
    public async Task Another_organizations_offer_is_not_found_and_nothing_of_it_shows()
    {
        var person = await Factory.SignUpPersonAsync();
        var other = await Factory.SignUpPersonAsync();
        var theirs = await Factory.SeedOfferAsync(other.OrganizationId, "Their Secret Offer", "their-secret", OfferStatus.Published);

        await OpenAsync(person, theirs.PublicId);

        Editor.WaitForAssertion(() => Assert.Contains("Offer not found", Editor.Markup));
        Assert.DoesNotContain("Their Secret Offer", Editor.Markup);
        Assert.Empty(Editor.FindAll("[data-testid=offer-tabs], [data-testid^=status-]"));
    }
}

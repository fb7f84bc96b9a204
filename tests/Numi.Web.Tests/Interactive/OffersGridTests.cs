using Bunit;
using Numi.Core.Offers;
using Numi.Web.Features.Offers;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The offer list against the real database: empty state, a row's slots, currency and status, the status
/// filter, search by name or slug whatever the case, and only the person's own organization.</summary>
[Collection(AppCollection.Name)]
public sealed class OffersGridTests(NumiFactory factory) : InteractiveTestContext
{
    private async Task<IRenderedComponent<OffersGrid>> OpenAsync(CircuitPerson person, OffersFilter? initial = null)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        return RenderInteractive<OffersGrid>(p => p.Add(x => x.Initial, initial ?? OffersFilter.Default));
    }

    private IRenderedComponent<OffersGrid> Reopen(OffersFilter initial) =>
        RenderInteractive<OffersGrid>(p => p.Add(x => x.Initial, initial));

    [Fact]
    public async Task A_new_merchant_sees_how_to_start_and_no_grid()
    {
        var person = await factory.SignUpPersonAsync();

        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Contains("No offers yet", grid.Markup));
        Assert.NotNull(grid.Find("a[href='offers/new']"));
        Assert.NotNull(grid.Find("a[href='catalog']"));
        Assert.Empty(grid.FindAll("[data-testid=offer-table]"));
    }

    [Fact]
    public async Task A_row_links_the_offer_and_shows_its_slug_slots_order_bumps_currency_and_status()
    {
        var person = await factory.SignUpPersonAsync();
        var coffee = await factory.SeedOfferAsync(person.OrganizationId, "Coffee Club", "coffee-club", OfferStatus.Published, bumps: 2);
        await factory.SeedOfferAsync(person.OrganizationId, "Tea Sampler", "tea-sampler");

        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Equal(["Tea Sampler", "Coffee Club"], grid.Offers()));
        var row = grid.Row("Coffee Club");
        Assert.Equal($"offers/{coffee.PublicId}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("/coffee-club", row.TextContent);
        Assert.Equal("3 (2 order bumps)", row.QuerySelector("[data-testid=offer-slots]")!.TextContent.Trim());
        Assert.Contains("USD", row.TextContent);
        Assert.Equal("Published", row.QuerySelector("[data-testid=offer-status]")!.TextContent.Trim());
        var tea = grid.Row("Tea Sampler");
        Assert.Equal("0", tea.QuerySelector("[data-testid=offer-slots]")!.TextContent.Trim());
        Assert.Equal("Draft", tea.QuerySelector("[data-testid=offer-status]")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_status_filter_shows_drafts_published_archived_or_all_offers_and_says_when_none_match()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.SeedOfferAsync(person.OrganizationId, "Coffee Club", "coffee-club");
        await factory.SeedOfferAsync(person.OrganizationId, "Old Box", "old-box", OfferStatus.Archived);

        var published = await OpenAsync(person, OffersFilter.FromQuery(null, "published"));
        published.WaitForAssertion(() => Assert.Contains("No offer matches", published.Markup));
        Assert.Empty(published.Offers());
        await DisposeComponentsAsync();
        var drafts = Reopen(OffersFilter.FromQuery(null, "DRAFT"));
        drafts.WaitForAssertion(() => Assert.Equal(["Coffee Club"], drafts.Offers()));
        await DisposeComponentsAsync();
        var archived = Reopen(OffersFilter.FromQuery(null, "archived"));
        archived.WaitForAssertion(() => Assert.Equal(["Old Box"], archived.Offers()));
        await DisposeComponentsAsync();
        var all = Reopen(OffersFilter.FromQuery(null, "bogus"));
        all.WaitForAssertion(() => Assert.Equal(["Old Box", "Coffee Club"], all.Offers()));
    }

    [Fact]
    public async Task Search_matches_the_name_whatever_the_case_or_the_slug()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.SeedOfferAsync(person.OrganizationId, "Coffee Club", "coffee-club");
        await factory.SeedOfferAsync(person.OrganizationId, "Tea Sampler", "tea-sampler");
        var grid = await OpenAsync(person);
        grid.WaitForAssertion(() => Assert.Equal(2, grid.Offers().Count));

        grid.Find("input[data-testid=offers-search]").Input("CLUB");
        grid.WaitForAssertion(() => Assert.Equal(["Coffee Club"], grid.Offers()), TimeSpan.FromSeconds(5));
        grid.Find("input[data-testid=offers-search]").Input("sampler");
        grid.WaitForAssertion(() => Assert.Equal(["Tea Sampler"], grid.Offers()), TimeSpan.FromSeconds(5));
        grid.Find("input[data-testid=offers-search]").Input("juice");
        grid.WaitForAssertion(() => Assert.Contains("No offer matches", grid.Markup), TimeSpan.FromSeconds(5));
        Assert.Empty(grid.Offers());
    }

    [Fact]
    public async Task A_links_search_and_status_reach_the_grid_together()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.SeedOfferAsync(person.OrganizationId, "Tea Sampler", "tea-sampler");
        await factory.SeedOfferAsync(person.OrganizationId, "Tea Box", "tea-box", OfferStatus.Archived);

        var drafts = await OpenAsync(person, OffersFilter.FromQuery(" sampler ", "draft"));
        drafts.WaitForAssertion(() => Assert.Equal(["Tea Sampler"], drafts.Offers()));
        await DisposeComponentsAsync();
        var published = Reopen(OffersFilter.FromQuery("tea", "published"));
        published.WaitForAssertion(() => Assert.Contains("No offer matches", published.Markup));
        Assert.Empty(published.Offers());
    }

    [Fact]
    public async Task Another_organizations_offers_never_show()
    {
        var person = await factory.SignUpPersonAsync();
        var other = await factory.SignUpPersonAsync();
        await factory.SeedOfferAsync(other.OrganizationId, "Private Offer", "private-offer");

        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Contains("No offers yet", grid.Markup));
        Assert.DoesNotContain("Private Offer", grid.Markup);
    }
}

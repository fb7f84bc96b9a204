using System.Net;
using AngleSharp.Html.Dom;
using Numi.Core.Common;
using Numi.Core.Offers;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Interactive;

namespace Numi.Web.Tests.Pages;

[Collection(AppCollection.Name)]
public sealed class OfferPagesTests(NumiFactory factory)
{
    [Fact]
    public async Task New_merchant_has_no_offers_yet()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();

        var page = await owner.GetPageAsync("/offers");

        // The empty state is in the prerendered HTML; the interactive list is tested in OffersGridTests.
        Assert.Contains("No offers yet", page.QuerySelector("main [role=status] h2")?.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=offer-table]"));
        Assert.NotNull(page.QuerySelector("a[href='offers/new']"));
    }

    [Fact]
    public async Task The_new_offer_form_is_in_the_prerendered_page()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();

        var page = await owner.GetPageAsync("/offers/new");

        Assert.Equal("New offer", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("input#offer-name"));
        Assert.NotNull(page.QuerySelector("input#offer-slug"));
    }

    [Fact]
    public async Task A_new_draft_opens_in_its_interactive_editor_prerendered_and_the_list_is_no_longer_empty()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        var url = await CreateOfferAsync(factory, organizationId, "Coffee Club", "coffee-club");

        var editor = await owner.GetPageAsync(url + "?tab=design");

        // The editor is an interactive page, and its first HTML already holds the offer (read while prerendering).
        Assert.Contains(editor.QuerySelectorAll("script[src]"), s => s.GetAttribute("src")!.EndsWith("blazor.web.js", StringComparison.Ordinal));
        Assert.Empty(editor.QuerySelectorAll("[hx-post], [hx-get], .btn, .card"));
        Assert.Equal("Coffee Club", editor.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal("Draft", editor.QuerySelector("[data-testid=offer-status]")?.TextContent.Trim());
        Assert.Contains("coffee-club", editor.Text());
        Assert.Contains("USD", editor.Text());
        Assert.Contains("No slots yet", editor.Text());
        // ?tab= still opens a tab, so links to the old editor's tabs keep working.
        Assert.Equal("Design", editor.QuerySelector(".mud-tab.mud-tab-active")?.TextContent.Trim());
        Assert.Equal("Coffee Club", editor.QuerySelector("[data-testid=preview-headline]")?.TextContent.Trim());
        // The list's rows are read once interactive (OffersGridTests); the prerendered page no longer offers to start.
        Assert.DoesNotContain("No offers yet", (await owner.GetPageAsync("/offers")).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task An_offer_id_that_does_not_exist_answers_404()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();

        foreach (var path in new[] { $"/offers/{PublicId.Format(IdPrefixes.Offer, Guid.NewGuid())}", "/offers/not-an-id?tab=slots" })
        {
            using var response = await owner.Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {path} answered {(int)response.StatusCode}");
            Assert.Contains("Page not found", Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent);
        }
    }

    [Fact]
    public async Task Theme_stylesheet_carries_the_brand_colour_and_falls_back_for_an_invalid_one()
    {
        using var anonymous = factory.CreateBrowser();

        using var themed = await anonymous.Client.GetAsync("/offers/theme.css?brand=%23112233");
        Assert.Equal(HttpStatusCode.OK, themed.StatusCode);
        Assert.Equal("text/css", themed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("--offer-brand: #112233;", await themed.Content.ReadAsStringAsync());

        using var invalid = await anonymous.Client.GetAsync("/offers/theme.css?brand=red%3B%7D%20body%7Bdisplay%3Anone");
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var css = await invalid.Content.ReadAsStringAsync();
        Assert.Contains($"--offer-brand: {OfferDesign.Default.BrandColor};", css);
        Assert.DoesNotContain("red", css);
        Assert.DoesNotContain("display", css);
    }

    // Helpers

    /// <summary>Stores a USD draft offer and returns its editor path (no query). The new-offer form itself is tested
    /// with bUnit (NewOfferFormTests).</summary>
    internal static async Task<string> CreateOfferAsync(NumiFactory factory, Guid organizationId, string name, string slug) =>
        $"/offers/{(await factory.SeedOfferAsync(organizationId, name, slug)).PublicId}";
}

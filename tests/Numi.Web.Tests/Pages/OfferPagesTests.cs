using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
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
    public async Task A_new_draft_opens_in_its_editor_and_the_list_is_no_longer_empty()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        var url = await CreateOfferAsync(factory, organizationId, "Coffee Club", "coffee-club");

        var editor = await owner.GetPageAsync(url);

        Assert.Equal("Coffee Club", editor.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal("Draft", editor.QuerySelector("[data-testid=offer-status]")?.TextContent.Trim());
        Assert.Contains("coffee-club", editor.Text());
        Assert.Contains("USD", editor.Text());
        Assert.Contains("No slots yet", editor.Text());
        // The list's rows are read once interactive (OffersGridTests); the prerendered page no longer offers to start.
        Assert.DoesNotContain("No offers yet", (await owner.GetPageAsync("/offers")).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Required_slot_and_order_bump_are_added_through_the_slot_form()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        var coffee = await SeedPricedProductAsync(organizationId, "Coffee", "usd", 1500);
        var grinder = await SeedPricedProductAsync(organizationId, "Grinder", "usd", 2900);
        var url = await CreateOfferAsync(factory, organizationId, "Coffee Club", "club-slots");

        await AddSlotAsync(owner, url, "coffee", "Coffee bag", "required", coffee.PublicId);
        using var bump = await SubmitSlotAsync(owner, url, "grinder", "Grinder", "bump", grinder.PublicId);
        var page = await owner.FollowAsync(bump);

        Assert.Contains("Slot Grinder added.", page.QuerySelector("[role=status]")?.TextContent);
        var items = page.QuerySelectorAll("[data-testid=slot-list] > li").ToList();
        Assert.Equal(2, items.Count);
        Assert.Contains("Coffee bag", items[0].TextContent);
        Assert.Contains("Required", items[0].TextContent);
        Assert.DoesNotContain("Order bump", items[0].TextContent);
        Assert.Contains("Grinder", items[1].TextContent);
        Assert.Contains("Order bump", items[1].TextContent);
        Assert.Contains("$29.00", items[1].TextContent);

        var slots = await factory.WithDbAsync(db => db.OfferSlots.IgnoreQueryFilters().Where(s => s.OrganizationId == organizationId).ToListAsync());
        Assert.True(slots.Single(s => s.Key == "coffee").Required);
        Assert.False(slots.Single(s => s.Key == "grinder").Required);
    }

    [Fact]
    public async Task A_slot_can_be_added_when_the_offer_currency_has_a_single_price()
    {
        // With one price to choose from, the form has no option rows, so nothing named Input.Options[i] is posted.
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        var coffee = await SeedPricedProductAsync(organizationId, "Coffee", "usd", 1500);
        var url = await CreateOfferAsync(factory, organizationId, "Coffee Club", "club-one-price");
        Assert.DoesNotContain((await owner.GetFormAsync(url, "slot")).Fields.Keys, k => k.StartsWith("Input.Options[", StringComparison.Ordinal));

        using var response = await SubmitSlotAsync(owner, url, "coffee", "Coffee bag", "required", coffee.PublicId);

        var page = await owner.FollowAsync(response);
        Assert.Contains("Coffee bag", page.QuerySelector("[data-testid=slot-list]")?.TextContent);
        Assert.Equal(1, await SlotCountAsync(organizationId));
    }

    [Fact]
    public async Task Slot_with_a_price_in_another_currency_is_refused_under_the_price()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        await SeedPricedProductAsync(organizationId, "Coffee", "usd", 1500);
        await SeedPricedProductAsync(organizationId, "Grinder", "usd", 2900);
        var euro = await SeedPricedProductAsync(organizationId, "Euro coffee", "eur", 1400);
        var url = await CreateOfferAsync(factory, organizationId, "Coffee Club", "club-currency");

        // The select offers only USD prices; a hand-made post names the EUR one anyway.
        Assert.DoesNotContain(euro.PublicId, (await owner.GetPageAsync(url)).QuerySelector("#slot-price")!.InnerHtml);
        using var response = await SubmitSlotAsync(owner, url, "euro", "Euro coffee", "required", euro.PublicId);

        var page = await response.PageAsync();
        Assert.Equal("This price is in EUR but the offer sells in USD.", page.FieldMessage("price"));
        page.AssertInvalid("Input.Price");
        Assert.Equal(0, await factory.WithDbAsync(db => db.OfferSlots.IgnoreQueryFilters().CountAsync(s => s.OrganizationId == organizationId)));
    }

    [Fact]
    public async Task Publishing_through_the_status_form_shows_the_published_badge()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        var coffee = await SeedPricedProductAsync(organizationId, "Coffee", "usd", 1500);
        await SeedPricedProductAsync(organizationId, "Grinder", "usd", 2900);
        var url = await CreateOfferAsync(factory, organizationId, "Coffee Club", "club-publish");
        await AddSlotAsync(owner, url, "coffee", "Coffee bag", "required", coffee.PublicId);

        using var published = await owner.SubmitAsync(url, new Dictionary<string, string>(), "status-Published");

        var page = await owner.FollowAsync(published);
        Assert.Equal("Published", page.QuerySelector("[data-testid=offer-status]")?.TextContent.Trim());
        Assert.Contains("Offer published.", page.QuerySelector("[role=status]")?.TextContent);
        Assert.Empty(page.QuerySelectorAll("input[name=_handler][value=status-Published]"));
        Assert.Single(page.QuerySelectorAll("input[name=_handler][value=status-Draft]"));
        Assert.EndsWith("/club-publish", page.QuerySelector("[data-testid=open-checkout]")?.GetAttribute("href"));
        Assert.Equal(OfferStatus.Published, await StatusAsync(organizationId));
    }

    [Fact]
    public async Task Publishing_an_offer_without_slots_is_refused_and_it_stays_a_draft()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        var url = await CreateOfferAsync(factory, organizationId, "Empty", "empty-offer");

        using var response = await owner.SubmitAsync(url, new Dictionary<string, string>(), "status-Published");

        var page = await response.PageAsync();
        Assert.Contains("Add at least one required slot with a price before publishing.", page.QuerySelector("#error-summary")?.TextContent);
        Assert.Equal("Draft", page.QuerySelector("[data-testid=offer-status]")?.TextContent.Trim());
        Assert.Equal(OfferStatus.Draft, await StatusAsync(organizationId));
    }

    [Fact]
    public async Task Removing_a_slot_asks_for_confirmation_first()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        var coffee = await SeedPricedProductAsync(organizationId, "Coffee", "usd", 1500);
        await SeedPricedProductAsync(organizationId, "Grinder", "usd", 2900);
        var url = await CreateOfferAsync(factory, organizationId, "Coffee Club", "club-remove");
        await AddSlotAsync(owner, url, "coffee", "Coffee bag", "required", coffee.PublicId);

        var slots = await owner.GetPageAsync(url);
        Assert.Null(slots.QuerySelector("[role=alertdialog]"));
        Assert.Empty(slots.QuerySelectorAll("input[name=_handler][value=remove-slot]"));
        var removeLink = slots.QuerySelectorAll("[data-testid=slot-list] a").Single(a => a.TextContent.Trim() == "Remove").GetAttribute("href")!;
        Assert.EndsWith("&remove=coffee", removeLink);

        var confirmUrl = "/" + removeLink;
        var confirm = await owner.GetPageAsync(confirmUrl);
        Assert.Contains("Remove the slot Coffee bag", confirm.QuerySelector("[role=alertdialog]")?.TextContent);
        Assert.Equal(1, await SlotCountAsync(organizationId));

        using var removed = await owner.SubmitAsync(confirmUrl, new Dictionary<string, string>(), "remove-slot");
        var after = await owner.FollowAsync(removed);
        Assert.Contains("Slot Coffee bag removed.", after.QuerySelector("[role=status]")?.TextContent);
        Assert.Null(after.QuerySelector("[data-testid=slot-list]"));
        Assert.Contains("No slots yet", after.Text());
        Assert.Equal(0, await SlotCountAsync(organizationId));
    }

    [Fact]
    public async Task Design_preview_shows_what_was_typed_without_saving_it()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        var url = await CreateOfferAsync(factory, organizationId, "Coffee Club", "club-preview") + "?tab=design";

        using var response = await owner.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Input.BrandColor"] = "#123456", ["Input.Headline"] = "Fresh beans every month", ["Input.Bullets"] = "Roasted to order\nFree shipping", ["Input.Action"] = "preview",
        }, "offer-design");

        var page = await response.PageAsync();
        var preview = page.QuerySelector("[data-testid=offer-preview]")!;
        Assert.Equal("Fresh beans every month", preview.QuerySelector("[data-testid=preview-headline]")?.TextContent.Trim());
        Assert.Equal(["Roasted to order", "Free shipping"], preview.QuerySelectorAll("li").Select(li => li.TextContent.Trim()).ToList());
        var theme = page.QuerySelectorAll("#offer-preview link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).Single(h => h.Contains("theme.css"));
        Assert.Contains("brand=%23123456", theme);
        Assert.Equal("Fresh beans every month", page.Field("Input.Headline").GetAttribute("value"));

        var reloaded = await owner.GetPageAsync(url);
        Assert.Equal("Coffee Club", reloaded.QuerySelector("[data-testid=preview-headline]")?.TextContent.Trim());
        Assert.Equal("", reloaded.Field("Input.Headline").GetAttribute("value") ?? "");
        Assert.DoesNotContain("%23123456", reloaded.QuerySelector("#offer-preview link[rel=stylesheet]")?.GetAttribute("href"));
        var design = await factory.WithDbAsync(db => db.Offers.IgnoreQueryFilters().Where(o => o.OrganizationId == organizationId).Select(o => o.Design).SingleAsync());
        Assert.Null(design.Headline);
        Assert.Equal(OfferDesign.Default.BrandColor, design.BrandColor);
    }

    [Fact]
    public async Task Design_save_applies_and_a_colour_that_is_not_hex_is_refused()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        var url = await CreateOfferAsync(factory, organizationId, "Coffee Club", "club-design") + "?tab=design";

        using var refused = await owner.SubmitAsync(url,
            new Dictionary<string, string> { ["Input.BrandColor"] = "red", ["Input.Headline"] = "Not saved", ["Input.Action"] = "save" }, "offer-design");

        var page = await refused.PageAsync();
        Assert.Equal("Use a colour like #1f2937.", page.FieldMessage("brand_color"));
        page.AssertInvalid("Input.BrandColor");
        Assert.Null(await HeadlineAsync(organizationId));

        using var saved = await owner.SubmitAsync(url,
            new Dictionary<string, string> { ["Input.BrandColor"] = "#aa3300", ["Input.Headline"] = "Saved headline", ["Input.Action"] = "save" }, "offer-design");
        var after = await owner.FollowAsync(saved);
        Assert.Contains("Design saved.", after.QuerySelector("[role=status]")?.TextContent);
        Assert.Equal("Saved headline", after.QuerySelector("[data-testid=preview-headline]")?.TextContent.Trim());
        Assert.Equal("Saved headline", await HeadlineAsync(organizationId));
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

    private async Task<Price> SeedPricedProductAsync(Guid organizationId, string name, string currency, long amount)
    {
        var product = await factory.SeedProductAsync(organizationId, name);
        return await factory.SeedPriceAsync(organizationId, product.Id, currency, amount);
    }

    /// <summary>Stores a USD draft offer and returns its editor path (no query). The new-offer form itself is tested
    /// with bUnit (NewOfferFormTests).</summary>
    internal static async Task<string> CreateOfferAsync(NumiFactory factory, Guid organizationId, string name, string slug) =>
        $"/offers/{(await factory.SeedOfferAsync(organizationId, name, slug)).PublicId}";

    private static async Task<HttpResponseMessage> SubmitSlotAsync(Browser owner, string url, string key, string name, string kind, string price) =>
        await owner.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Input.Key"] = key, ["Input.Name"] = name, ["Input.Kind"] = kind, ["Input.Price"] = price, ["Input.Quantity"] = "1",
        }, "slot");

    private static async Task AddSlotAsync(Browser owner, string url, string key, string name, string kind, string price)
    {
        using var response = await SubmitSlotAsync(owner, url, key, name, kind, price);
        Assert.Contains("tab=slots", response.RedirectTarget());
    }

    private Task<OfferStatus> StatusAsync(Guid organizationId) =>
        factory.WithDbAsync(db => db.Offers.IgnoreQueryFilters().Where(o => o.OrganizationId == organizationId).Select(o => o.Status).SingleAsync());

    private Task<int> SlotCountAsync(Guid organizationId) =>
        factory.WithDbAsync(db => db.OfferSlots.IgnoreQueryFilters().CountAsync(s => s.OrganizationId == organizationId));

    private async Task<string?> HeadlineAsync(Guid organizationId) =>
        (await factory.WithDbAsync(db => db.Offers.IgnoreQueryFilters().Where(o => o.OrganizationId == organizationId).Select(o => o.Design).SingleAsync())).Headline;
}

using AngleSharp.Html.Dom;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Pages;

[Collection(AppCollection.Name)]
public sealed class CatalogPageTests(NumiFactory factory)
{
    [Fact]
    public async Task New_merchant_sees_the_empty_state_and_no_table()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();

        var page = await owner.GetPageAsync("/catalog");

        Assert.Contains("No products yet", page.QuerySelector("section.numi-empty h2")?.TextContent);
        Assert.NotNull(page.QuerySelector("a[href='catalog/products/new']"));
        Assert.Null(page.QuerySelector("[data-testid=product-table]"));
        Assert.Null(page.QuerySelector("form[role=search]"));
    }

    [Fact]
    public async Task A_page_number_past_the_end_shows_the_last_page()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        await factory.SeedProductAsync(organizationId, "Only Product");

        var page = await owner.GetPageAsync("/catalog?page=2147483647");

        Assert.Contains("Only Product", page.QuerySelector("[data-testid=product-table]")?.TextContent);
    }

    [Fact]
    public async Task Search_matches_names_and_lookup_keys_case_insensitively()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        await factory.SeedProductAsync(organizationId, "Arabica Beans", "beans_1kg");
        await factory.SeedProductAsync(organizationId, "Green Tea", "tea_box");
        await factory.SeedProductAsync(organizationId, "Mug");

        Assert.Equal(["Arabica Beans"], Names(await owner.GetPageAsync("/catalog?q=arabica")));
        Assert.Equal(["Green Tea"], Names(await owner.GetPageAsync("/catalog?q=TEA_BOX")));
        Assert.Equal(["Arabica Beans"], Names(await owner.GetPageAsync("/catalog?q=beans_")));
        Assert.Equal(3, Names(await owner.GetPageAsync("/catalog")).Count);

        var none = await owner.GetPageAsync("/catalog?q=espresso");
        Assert.Null(none.QuerySelector("[data-testid=product-table]"));
        Assert.Contains("Nothing matches", none.Text());
        Assert.Equal("espresso", none.QuerySelector("#catalog-q")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Archived_products_show_only_under_the_archived_and_all_filters()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        await factory.SeedProductAsync(organizationId, "Current Bag");
        await factory.SeedProductAsync(organizationId, "Old Mug", archived: true);

        Assert.Equal(["Current Bag"], Names(await owner.GetPageAsync("/catalog")));
        Assert.Equal(["Current Bag"], Names(await owner.GetPageAsync("/catalog?status=active")));
        var archived = await owner.GetPageAsync("/catalog?status=archived");
        Assert.Equal(["Old Mug"], Names(archived));
        Assert.Equal("archived", ((IHtmlSelectElement)archived.QuerySelector("#catalog-status")!).Options.Single(o => o.HasAttribute("selected")).Value);
        Assert.Equal(["Current Bag", "Old Mug"], Names(await owner.GetPageAsync("/catalog?status=all")).Order().ToList());
    }

    [Fact]
    public async Task Twenty_six_products_page_as_twenty_five_then_one()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        var start = DateTime.UtcNow.AddHours(-1);
        for (var i = 0; i < 26; i++)
            await factory.SeedProductAsync(organizationId, $"Item {i:00}", createdAt: start.AddMinutes(i));

        var first = await owner.GetPageAsync("/catalog");
        var second = await owner.GetPageAsync("/catalog?status=active&page=2");

        Assert.Equal(25, Names(first).Count);
        Assert.Contains("26 product(s)", first.QuerySelector("[data-testid=product-table] caption")?.TextContent);
        Assert.Contains("Page 1 of 2", first.Text());
        Assert.Equal("catalog?status=active&page=2",
            first.QuerySelectorAll("a.page-link").Single(a => a.TextContent.Contains("Next")).GetAttribute("href"));
        // Newest first: the oldest product is alone on page 2.
        Assert.Equal(["Item 00"], Names(second));
        Assert.DoesNotContain("Item 00", Names(first));
        Assert.Contains("Page 2 of 2", second.Text());

        // Paging keeps the search.
        var searched = await owner.GetPageAsync("/catalog?q=item");
        Assert.Equal("catalog?status=active&q=item&page=2",
            searched.QuerySelectorAll("a.page-link").Single(a => a.TextContent.Contains("Next")).GetAttribute("href"));
        Assert.Equal(["Item 00"], Names(await owner.GetPageAsync("/catalog?status=active&q=item&page=2")));
    }

    private static List<string> Names(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=product-table] tbody tr a.fw-semibold").Select(a => a.TextContent.Trim()).ToList();
}

using Bunit;
using Numi.Web.Features.Catalog;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Pages;

namespace Numi.Web.Tests.Interactive;

/// <summary>The catalog's grid against the real database: empty state, search, status, paging and sorting in SQL,
/// and only the person's own organization.</summary>
[Collection(AppCollection.Name)]
public sealed class CatalogGridTests(NumiFactory factory) : InteractiveTestContext
{
    private async Task<IRenderedComponent<CatalogGrid>> OpenAsync(CircuitPerson person, CatalogFilter? initial = null)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        return RenderInteractive<CatalogGrid>(p => p.Add(x => x.Initial, initial ?? CatalogFilter.Default));
    }

    private static List<string> Names(IRenderedComponent<CatalogGrid> grid) =>
        grid.FindAll("[data-testid=product-table] tbody tr a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task A_new_merchant_sees_how_to_start_and_no_grid()
    {
        var person = await factory.SignUpPersonAsync();

        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Contains("No products yet", grid.Markup));
        Assert.NotNull(grid.Find("a[href='catalog/products/new']"));
        Assert.Empty(grid.FindAll("[data-testid=product-table]"));
    }

    [Fact]
    public async Task Search_matches_names_and_lookup_keys_without_case_and_says_when_nothing_matches()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.SeedProductAsync(person.OrganizationId, "Arabica Beans", "beans_1kg");
        await factory.SeedProductAsync(person.OrganizationId, "Green Tea", "tea_box");
        await factory.SeedProductAsync(person.OrganizationId, "Mug");
        var grid = await OpenAsync(person);
        grid.WaitForAssertion(() => Assert.Equal(3, Names(grid).Count));

        grid.Find("input[data-testid=catalog-search]").Input("TEA_BOX");
        grid.WaitForAssertion(() => Assert.Equal(["Green Tea"], Names(grid)), TimeSpan.FromSeconds(5));
        grid.Find("input[data-testid=catalog-search]").Input("arabica");
        grid.WaitForAssertion(() => Assert.Equal(["Arabica Beans"], Names(grid)), TimeSpan.FromSeconds(5));
        grid.Find("input[data-testid=catalog-search]").Input("espresso");
        grid.WaitForAssertion(() => Assert.Contains("No product matches", grid.Markup), TimeSpan.FromSeconds(5));
        Assert.Empty(Names(grid));
    }

    [Fact]
    public async Task Archived_products_show_only_under_the_archived_and_all_filters()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.SeedProductAsync(person.OrganizationId, "Current Bag");
        await factory.SeedProductAsync(person.OrganizationId, "Old Mug", archived: true);

        var active = await OpenAsync(person);
        active.WaitForAssertion(() => Assert.Equal(["Current Bag"], Names(active)));
        await DisposeComponentsAsync();
        var archived = RenderInteractive<CatalogGrid>(p => p.Add(x => x.Initial, CatalogFilter.FromQuery(null, "archived")));
        archived.WaitForAssertion(() => Assert.Equal(["Old Mug"], Names(archived)));
        await DisposeComponentsAsync();
        var all = RenderInteractive<CatalogGrid>(p => p.Add(x => x.Initial, CatalogFilter.FromQuery(null, "ALL")));
        all.WaitForAssertion(() => Assert.Equal(["Current Bag", "Old Mug"], Names(all).Order().ToList()));
    }

    [Fact]
    public async Task Twenty_six_products_page_as_twenty_five_newest_then_the_oldest_and_sort_by_name()
    {
        var person = await factory.SignUpPersonAsync();
        var start = DateTime.UtcNow.AddHours(-1);
        for (var i = 0; i < 26; i++)
            await factory.SeedProductAsync(person.OrganizationId, $"Item {(i * 7) % 26:00}", createdAt: start.AddMinutes(i));
        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Equal(25, Names(grid).Count));
        Assert.Equal("Item 19", Names(grid)[0]); // the newest: i = 25, (25 × 7) mod 26 = 19
        Assert.Contains("1-25 of 26", grid.Markup);
        grid.Find("button[aria-label='Next page']").Click();
        grid.WaitForAssertion(() => Assert.Equal(["Item 00"], Names(grid)));

        grid.Find("button[aria-label='First page']").Click();
        grid.WaitForAssertion(() => Assert.Equal(25, Names(grid).Count));
        grid.FindAll("th").First(th => th.TextContent.Contains("Name")).QuerySelector("button[aria-label=Sort]")!.Click();
        grid.WaitForAssertion(() => Assert.Equal(Enumerable.Range(0, 25).Select(i => $"Item {i:00}").ToList(), Names(grid)));
    }

    [Fact]
    public async Task Another_organizations_products_never_show()
    {
        var person = await factory.SignUpPersonAsync();
        var other = await factory.SignUpPersonAsync();
        await factory.SeedProductAsync(person.OrganizationId, "Mine");
        await factory.SeedProductAsync(other.OrganizationId, "Theirs");

        var grid = await OpenAsync(person, CatalogFilter.FromQuery(null, "all"));

        grid.WaitForAssertion(() => Assert.Equal(["Mine"], Names(grid)));
    }
}

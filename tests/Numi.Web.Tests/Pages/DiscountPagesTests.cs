using System.Net;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Interactive;

namespace Numi.Web.Tests.Pages;

/// <summary>The Discounts pages as the server answers them: the list's empty state is in the prerendered HTML, and a
/// code of another organization, or no code at all, is the 404 page. What the pages do once interactive is tested with
/// bUnit (DiscountsGridTests, DiscountEditorTests).</summary>
[Collection(AppCollection.Name)]
public sealed class DiscountPagesTests(NumiFactory factory)
{
    [Fact]
    public async Task A_new_merchant_sees_the_empty_state_and_the_nav_entry()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();

        var page = await owner.GetPageAsync("/discounts");

        Assert.Contains("No discount codes yet", page.QuerySelector("main [role=status] h2")?.TextContent);
        Assert.NotNull(page.QuerySelector("nav a[href='discounts']"));
        Assert.NotNull(page.QuerySelector("main a[href='discounts/new']"));
        Assert.Null(page.QuerySelector("[data-testid=discount-table]"));
    }

    [Fact]
    public async Task The_new_code_form_is_in_the_prerendered_page()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();

        var page = await owner.GetPageAsync("/discounts/new");

        Assert.Equal("New discount code", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("input#discount-code"));
        Assert.Equal("datetime-local", page.QuerySelector("input#discount-until")?.GetAttribute("type"));
    }

    [Fact]
    public async Task Another_organization_gets_404_for_a_code_and_does_not_list_it()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        var code = await factory.SeedDiscountAsync(organizationId, "PRIVATE");
        using var other = factory.CreateBrowser();
        await other.SignUpAsync();

        using var foreign = await other.Client.GetAsync($"/discounts/{code.PublicId}");
        using var mine = await owner.Client.GetAsync($"/discounts/{code.PublicId}");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.DoesNotContain("PRIVATE", await foreign.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Contains("PRIVATE", await mine.Content.ReadAsStringAsync());
        Assert.Contains("No discount codes yet", (await other.GetPageAsync("/discounts")).Text());
    }

    [Theory]
    [InlineData("/discounts/disc_00000000000000000000000000000000")]
    [InlineData("/discounts/nonsense")]
    public async Task An_unknown_code_is_the_404_page(string path)
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();

        using var response = await owner.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

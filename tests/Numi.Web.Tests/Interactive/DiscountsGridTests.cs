using Bunit;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Discounts;
using Numi.Web.Features.Discounts;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The discount list against the real database: empty state, terms, uses and window in the organization's time
/// zone, status filter, search whatever the case, and only the person's own organization.</summary>
[Collection(AppCollection.Name)]
public sealed class DiscountsGridTests(NumiFactory factory) : InteractiveTestContext
{
    private async Task<IRenderedComponent<DiscountsGrid>> OpenAsync(CircuitPerson person, DiscountsFilter? initial = null)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        return RenderInteractive<DiscountsGrid>(p => p.Add(x => x.Initial, initial ?? DiscountsFilter.Default));
    }

    [Fact]
    public async Task A_new_merchant_sees_how_to_start_and_no_grid()
    {
        var person = await factory.SignUpPersonAsync();

        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Contains("No discount codes yet", grid.Markup));
        Assert.NotNull(grid.Find("a[href='discounts/new']"));
        Assert.Empty(grid.FindAll("[data-testid=discount-table]"));
    }

    [Fact]
    public async Task A_row_shows_the_terms_the_uses_the_window_in_the_organizations_zone_and_the_status()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.WithDbAsync(async db =>
        {
            var organization = await db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Id == person.OrganizationId);
            organization.ChangeTimeZone("Europe/Paris");
            return await db.SaveChangesAsync();
        });
        // 22:59 UTC on 31 December is 23:59 in Paris (winter time, UTC+1).
        await factory.SeedDiscountAsync(person.OrganizationId, "Welcome10",
            limits: new DiscountLimits(50, true, null, new DateTime(2030, 12, 31, 22, 59, 0, DateTimeKind.Utc)));
        await factory.SeedDiscountAsync(person.OrganizationId, "OLD5", percent: 5, archived: true,
            limits: new DiscountLimits(null, false, new DateTime(2025, 6, 1, 8, 0, 0, DateTimeKind.Utc), null));

        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Equal(2, grid.Codes().Count));
        var welcome = grid.Row("Welcome10");
        Assert.Contains("10% · once", welcome.TextContent);
        Assert.Equal("0 of 50 · once per customer", welcome.QuerySelector("[data-testid=times-redeemed]")!.TextContent.Trim());
        Assert.Contains("Until 2030-12-31 23:59", welcome.TextContent);
        Assert.Contains("Active", welcome.TextContent);
        var old = grid.Row("OLD5");
        Assert.Equal("0", old.QuerySelector("[data-testid=times-redeemed]")!.TextContent.Trim());
        Assert.Contains("From 2025-06-01 10:00", old.TextContent);
        Assert.Contains("Archived", old.TextContent);
        Assert.Contains("Dates in Europe/Paris", grid.Markup);
    }

    [Fact]
    public async Task The_status_filter_shows_active_archived_or_all_codes_and_says_when_none_match()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.SeedDiscountAsync(person.OrganizationId, "BYE", archived: true);

        var active = await OpenAsync(person, DiscountsFilter.FromQuery(null, "active"));
        active.WaitForAssertion(() => Assert.Contains("No code matches", active.Markup));
        Assert.Empty(active.Codes());
        await DisposeComponentsAsync();
        var archived = RenderInteractive<DiscountsGrid>(p => p.Add(x => x.Initial, DiscountsFilter.FromQuery(null, "ARCHIVED")));
        archived.WaitForAssertion(() => Assert.Equal(["BYE"], archived.Codes()));
        Assert.Contains("Archived", archived.Row("BYE").TextContent);
        await DisposeComponentsAsync();
        var all = RenderInteractive<DiscountsGrid>(p => p.Add(x => x.Initial, DiscountsFilter.FromQuery(null, "bogus")));
        all.WaitForAssertion(() => Assert.Equal(["BYE"], all.Codes()));
    }

    [Fact]
    public async Task Search_finds_codes_whatever_the_case()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.SeedDiscountAsync(person.OrganizationId, "SUMMER", limits: new DiscountLimits(3));
        await factory.SeedDiscountAsync(person.OrganizationId, "WINTER");
        var grid = await OpenAsync(person);
        grid.WaitForAssertion(() => Assert.Equal(2, grid.Codes().Count));

        grid.Find("input[data-testid=discounts-search]").Input("summ");

        grid.WaitForAssertion(() => Assert.Equal(["SUMMER"], grid.Codes()), TimeSpan.FromSeconds(5));
        Assert.Contains("0 of 3", grid.Row("SUMMER").TextContent);
        grid.Find("input[data-testid=discounts-search]").Input("spring");
        grid.WaitForAssertion(() => Assert.Contains("No code matches", grid.Markup), TimeSpan.FromSeconds(5));
        Assert.Empty(grid.Codes());
    }

    [Fact]
    public async Task A_links_search_and_status_reach_the_grid()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.SeedDiscountAsync(person.OrganizationId, "SUMMER");
        await factory.SeedDiscountAsync(person.OrganizationId, "SUMMIT", archived: true);

        var grid = await OpenAsync(person, DiscountsFilter.FromQuery(" Summ ", "Active"));

        grid.WaitForAssertion(() => Assert.Equal(["SUMMER"], grid.Codes()));
    }

    [Fact]
    public async Task Another_organizations_codes_never_show()
    {
        var person = await factory.SignUpPersonAsync();
        var other = await factory.SignUpPersonAsync();
        await factory.SeedDiscountAsync(other.OrganizationId, "PRIVATE");

        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Contains("No discount codes yet", grid.Markup));
        Assert.DoesNotContain("PRIVATE", grid.Markup);
    }
}

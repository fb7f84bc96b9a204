using Bunit;
using Numi.Web.Features.Customers;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The customer list against the real database: empty state, one customer per email in any case with their
/// order count, search by email or name, sorting, and only the person's own organization.</summary>
[Collection(AppCollection.Name)]
public sealed class CustomersGridTests(NumiFactory factory) : InteractiveTestContext
{
    private async Task<IRenderedComponent<CustomersGrid>> OpenAsync(CircuitPerson person, string? search = null)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        return RenderInteractive<CustomersGrid>(p => p.Add(x => x.InitialSearch, search));
    }

    private static List<string> Emails(IRenderedComponent<CustomersGrid> grid) =>
        grid.FindAll("[data-testid=customer-table] tbody tr a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task A_new_merchant_sees_how_to_get_customers_and_no_grid()
    {
        var person = await factory.SignUpPersonAsync();

        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Contains("No customers yet", grid.Markup));
        Assert.Empty(grid.FindAll("[data-testid=customer-table]"));
    }

    [Fact]
    public async Task A_returning_email_in_any_case_is_one_customer_with_both_orders_and_search_finds_by_email()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.BuyAsync(person, "ann@example.com", "Ann@Example.com", "bob@example.com");
        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Equal(2, Emails(grid).Count));
        var ann = grid.FindAll("[data-testid=customer-table] tbody tr").Single(r => r.TextContent.Contains("ann@example.com"));
        Assert.Equal("2", ann.QuerySelectorAll("td")[1].TextContent.Trim());

        grid.Find("input[data-testid=customers-search]").Input("BOB");
        grid.WaitForAssertion(() => Assert.Equal(["bob@example.com"], Emails(grid)), TimeSpan.FromSeconds(5));
        grid.Find("input[data-testid=customers-search]").Input("zed");
        grid.WaitForAssertion(() => Assert.NotNull(grid.Find("[data-testid=no-match]")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_list_sorts_by_email_and_opens_filtered_by_the_link()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.BuyAsync(person, "bob@example.com", "ann@example.com", "cy@example.com");
        var grid = await OpenAsync(person);
        grid.WaitForAssertion(() => Assert.Equal(["cy@example.com", "ann@example.com", "bob@example.com"], Emails(grid)));

        grid.FindAll("th").First(th => th.TextContent.Contains("Customer")).QuerySelector("button[aria-label=Sort]")!.Click();
        grid.WaitForAssertion(() => Assert.Equal(["ann@example.com", "bob@example.com", "cy@example.com"], Emails(grid)));
        await DisposeComponentsAsync();

        var filtered = RenderInteractive<CustomersGrid>(p => p.Add(x => x.InitialSearch, "cy@"));
        filtered.WaitForAssertion(() => Assert.Equal(["cy@example.com"], Emails(filtered)));
    }

    [Fact]
    public async Task Another_organizations_customers_never_show()
    {
        var person = await factory.SignUpPersonAsync();
        var other = await factory.SignUpPersonAsync();
        await factory.BuyAsync(person, "mine@example.com");
        await factory.BuyAsync(other, "theirs@example.com");

        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Equal(["mine@example.com"], Emails(grid)));
    }
}

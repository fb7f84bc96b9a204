using Bunit;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Web.Features.Orders;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The order list against the real database: empty state, search by number or email (with the CSV export
/// link following it), paging and sorting in SQL, disputes, and only the person's own organization.</summary>
[Collection(AppCollection.Name)]
public sealed class OrdersGridTests(NumiFactory factory) : InteractiveTestContext
{
    private async Task<IRenderedComponent<OrdersGrid>> OpenAsync(CircuitPerson person, string? search = null)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        return RenderInteractive<OrdersGrid>(p => p.Add(x => x.InitialSearch, search));
    }

    private static List<string> Numbers(IRenderedComponent<OrdersGrid> grid) =>
        grid.FindAll("[data-testid=order-table] tbody tr a").Select(a => a.TextContent.Trim()).ToList();

    private static string? ExportLink(IRenderedComponent<OrdersGrid> grid) => grid.Find("a[data-testid=orders-export]").GetAttribute("href");

    [Fact]
    public async Task A_new_merchant_sees_how_to_get_orders_and_no_grid_nor_export()
    {
        var person = await factory.SignUpPersonAsync();

        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Contains("No orders yet", grid.Markup));
        Assert.NotNull(grid.Find("a[href=offers]"));
        Assert.Empty(grid.FindAll("[data-testid=order-table]"));
        Assert.Empty(grid.FindAll("[data-testid=orders-export]"));
    }

    [Fact]
    public async Task Orders_list_newest_first_and_search_by_number_or_email_with_the_export_link_following()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.BuyAsync(person, "ann@example.com", "bob@example.com");
        var grid = await OpenAsync(person);
        grid.WaitForAssertion(() => Assert.Equal(["#1002", "#1001"], Numbers(grid)));
        Assert.Equal("orders/export.csv", ExportLink(grid));
        Assert.Contains("bob@example.com", grid.Find("[data-testid=order-table] tbody tr").TextContent);
        Assert.Contains("$24.00", grid.Find("[data-testid=order-table] tbody tr").TextContent);

        grid.Find("input[data-testid=orders-search]").Input("#1002");
        grid.WaitForAssertion(() => Assert.Equal(["#1002"], Numbers(grid)), TimeSpan.FromSeconds(5));
        grid.WaitForAssertion(() => Assert.Equal("orders/export.csv?q=%231002", ExportLink(grid)));
        grid.Find("input[data-testid=orders-search]").Input("ANN");
        grid.WaitForAssertion(() => Assert.Equal(["#1001"], Numbers(grid)), TimeSpan.FromSeconds(5));
        grid.WaitForAssertion(() => Assert.Equal("orders/export.csv?q=ANN", ExportLink(grid)));
        grid.Find("input[data-testid=orders-search]").Input("nobody");
        grid.WaitForAssertion(() => Assert.NotNull(grid.Find("[data-testid=no-match]")), TimeSpan.FromSeconds(5));
        Assert.Empty(Numbers(grid));
    }

    [Fact]
    public async Task The_search_in_the_link_opens_the_list_filtered()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.BuyAsync(person, "ann@example.com", "bob@example.com");

        var grid = await OpenAsync(person, "bob");

        grid.WaitForAssertion(() => Assert.Equal(["#1002"], Numbers(grid)));
        Assert.Equal("bob", grid.Find("input[data-testid=orders-search]").GetAttribute("value"));
        Assert.Equal("orders/export.csv?q=bob", ExportLink(grid));
    }

    [Fact]
    public async Task Twenty_six_orders_page_as_twenty_five_newest_then_the_first_and_sort_by_number()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.BuyAsync(person, [.. Enumerable.Range(0, 26).Select(i => $"buyer{i}@example.com")]);
        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Equal(25, Numbers(grid).Count));
        Assert.Equal("#1026", Numbers(grid)[0]);
        Assert.Contains("1-25 of 26", grid.Markup);
        grid.Find("button[aria-label='Next page']").Click();
        grid.WaitForAssertion(() => Assert.Equal(["#1001"], Numbers(grid)));

        grid.Find("button[aria-label='First page']").Click();
        grid.WaitForAssertion(() => Assert.Equal(25, Numbers(grid).Count));
        grid.FindAll("th").First(th => th.TextContent.Contains("Order")).QuerySelector("button[aria-label=Sort]")!.Click();
        grid.WaitForAssertion(() => Assert.Equal(Enumerable.Range(1001, 25).Select(n => $"#{n}").ToList(), Numbers(grid)));
    }

    [Fact]
    public async Task A_disputed_order_is_marked_in_the_list()
    {
        var person = await factory.SignUpPersonAsync();
        var orders = await factory.BuyAsync(person, "ann@example.com", "bob@example.com");
        Assert.True(PublicId.TryParse(IdPrefixes.Order, orders[0].Id(), out var key));
        await factory.WithDbAsync(async db =>
        {
            var order = await db.Orders.IgnoreQueryFilters().SingleAsync(o => o.Id == key);
            Assert.True(order.Disputed("dp_test", 2400, "fraudulent", DateTime.UtcNow));
            await db.SaveChangesAsync();
        });

        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Equal(2, Numbers(grid).Count));
        var disputed = Assert.Single(grid.FindAll("[data-testid=row-disputed]"));
        Assert.Contains("#1001", disputed.Closest("tr")!.TextContent);
    }

    [Fact]
    public async Task Another_organizations_orders_never_show()
    {
        var person = await factory.SignUpPersonAsync();
        var other = await factory.SignUpPersonAsync();
        await factory.BuyAsync(person, "mine@example.com");
        await factory.BuyAsync(other, "theirs@example.com", "theirs2@example.com");

        var grid = await OpenAsync(person);

        grid.WaitForAssertion(() => Assert.Equal(["#1001"], Numbers(grid)));
        Assert.DoesNotContain("theirs", grid.Markup);
    }
}

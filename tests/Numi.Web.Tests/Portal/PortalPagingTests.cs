using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Subscriptions;

namespace Numi.Web.Tests.Portal;

/// <summary>The portal's lists, 20 a page in the database, newest first: Newer and Older links that name the page they
/// open, a page indicator, no pager on a list that fits one page, and any garbage <c>?page=</c> answered with a page.</summary>
[Collection(AppCollection.Name)]
public sealed class PortalPagingTests(NumiFactory factory)
{
    /// <summary>The shop's subscriber with <paramref name="count"/> invoices, INV-000001 oldest, every other one paid,
    /// the rest open (drafts are never shown, so one more is added as a draft).</summary>
    internal static async Task<List<string>> InvoicesAsync(NumiFactory factory, PortalShop shop, string subscriptionId, int count, int firstNumber = 1)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.Subscription, subscriptionId, out var id));
        return await factory.WithDbAsync(async db =>
        {
            var subscription = await db.Subscriptions.IgnoreQueryFilters().SingleAsync(s => s.Id == id);
            var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var invoices = Enumerable.Range(0, count + 1).Select(n =>
            {
                var invoice = Invoice.Draft(firstNumber + n, subscription, n + 2, start.AddMonths(n), start.AddMonths(n + 1), null, null, start.AddMonths(n + 1));
                if (n < count) Assert.True(invoice.Finalize(start).Succeeded);
                if (n < count && n % 2 == 0) Assert.True(invoice.MarkPaid(null, start).Succeeded);
                return invoice;
            }).ToList();
            db.Invoices.AddRange(invoices);
            await db.SaveChangesAsync();
            return invoices.Take(count).Select(i => i.DisplayNumber).Reverse().ToList();
        });
    }

    private static List<string> Numbers(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=invoice] [data-testid=number]").Select(n => n.TextContent).ToList();

    private static string? Href(IHtmlDocument page, string testId) => page.QuerySelector($"[data-testid=pager] a[data-testid={testId}]")?.GetAttribute("href");

    [Fact]
    public Task A_customer_with_45_invoices_reads_them_newest_first_20_a_page_on_three_pages() => FortyFiveInvoicesAsync(factory);

    /// <summary>Also run on PostgreSQL (<see cref="PortalPagingPostgresTests"/>): the count and the page are read in SQL.</summary>
    internal static async Task FortyFiveInvoicesAsync(NumiFactory factory)
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        var mine = await InvoicesAsync(factory, shop, shop.SubscriptionId, 45);
        // Another customer of the same organization, with invoices numbered after the subscriber's: never on these pages.
        await SubscriptionsTests.SubscribeAsync(shop.Api, $"ben-{Guid.NewGuid():N}@example.com");
        var theirs = (await shop.Api.GetFromJsonElementAsync("/api/v1/subscriptions?limit=1")).Ids()[0];
        await InvoicesAsync(factory, shop, theirs, 5, firstNumber: 47);
        using var browser = await factory.SignedInAsync(shop);
        var list = shop.Home + "/invoices";

        var first = await browser.GetPageAsync(list);
        var second = await browser.GetPageAsync(Href(first, "older")!);
        var third = await browser.GetPageAsync(Href(second, "older")!);

        Assert.Equal(mine[..20], Numbers(first));
        Assert.Equal(mine[20..40], Numbers(second));
        Assert.Equal(mine[40..], Numbers(third));
        Assert.Equal("INV-000045", Numbers(first)[0]);
        Assert.Equal(["Page 1 of 3", "Page 2 of 3", "Page 3 of 3"],
            new[] { first, second, third }.Select(p => p.QuerySelector("[data-testid=page-indicator]")!.TextContent));
        Assert.Equal((null, list + "?page=2"), (Href(first, "newer"), Href(first, "older")));
        Assert.Equal((list, list + "?page=3"), (Href(second, "newer"), Href(second, "older")));
        Assert.Equal((list + "?page=2", null), (Href(third, "newer"), Href(third, "older")));
        Assert.Equal(Numbers(second), Numbers(await browser.GetPageAsync(Href(third, "newer")!)));
    }

    [Fact]
    public async Task The_paging_links_are_keyboard_links_named_for_the_list_and_the_page_they_open()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        await InvoicesAsync(factory, shop, shop.SubscriptionId, 45);
        using var browser = await factory.SignedInAsync(shop);

        var page = await browser.GetPageAsync(shop.Home + "/invoices?page=2");

        var pager = page.QuerySelector("nav[data-testid=pager]")!;
        Assert.Equal("Pages of your invoices", pager.GetAttribute("aria-label"));
        var links = pager.QuerySelectorAll("a").ToList();
        Assert.Equal(["Newer invoices, page 1 of 3", "Older invoices, page 3 of 3"], links.Select(a => a.GetAttribute("aria-label")));
        // The accessible name holds the visible word (WCAG 2.5.3), the arrows are hidden from screen readers.
        Assert.Equal(["Newer", "Older"], links.Select(a => string.Concat(a.ChildNodes.Where(n => n is not AngleSharp.Dom.IElement e || e.GetAttribute("aria-hidden") != "true").Select(n => n.TextContent))));
        // Plain links with an address: reachable by Tab and followed by Enter, with nothing taking them out of the tab order.
        Assert.All(links, a => Assert.Null(a.GetAttribute("tabindex")));
        Assert.All(links, a => Assert.False(string.IsNullOrEmpty(a.GetAttribute("href"))));
        Assert.Equal(["prev", "next"], links.Select(a => a.GetAttribute("rel")));
        Assert.Equal("page", page.QuerySelector("[data-testid=page-indicator]")!.GetAttribute("aria-current"));
    }

    [Theory]
    [InlineData("abc", 1)]
    [InlineData("0", 1)]
    [InlineData("-2", 1)]
    [InlineData("1.5", 1)]
    [InlineData("99999999999999999999", 1)]
    [InlineData("", 1)]
    [InlineData("%00", 1)]
    [InlineData("2&page=x", 2)]
    [InlineData("3", 3)]
    [InlineData("4", 3)]
    [InlineData("2147483647", 3)]
    public async Task A_garbage_page_is_the_first_page_and_one_past_the_end_is_the_last(string requested, int shown)
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        var mine = await InvoicesAsync(factory, shop, shop.SubscriptionId, 45);
        using var browser = await factory.SignedInAsync(shop);

        var page = await browser.GetPageAsync($"{shop.Home}/invoices?page={requested}");

        Assert.Equal($"Page {shown} of 3", page.QuerySelector("[data-testid=page-indicator]")!.TextContent);
        Assert.Equal(mine.Skip((shown - 1) * 20).Take(20), Numbers(page));
    }

    [Fact]
    public async Task Lists_that_fit_one_page_show_no_pager_and_an_empty_list_its_empty_state_at_any_page()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        using var browser = await factory.SignedInAsync(shop);

        var orders = await browser.GetPageAsync(shop.Home + "/orders?page=7");
        var subscriptions = await browser.GetPageAsync(shop.Home + "/subscriptions?page=x");
        var invoices = await browser.GetPageAsync(shop.Home + "/invoices?page=2");

        Assert.Single(orders.QuerySelectorAll("[data-testid=order]"));
        Assert.Single(subscriptions.QuerySelectorAll("[data-testid=subscription]"));
        Assert.NotNull(invoices.QuerySelector("[data-testid=no-invoices]"));
        Assert.All(new[] { orders, subscriptions, invoices }, p => Assert.Null(p.QuerySelector("[data-testid=pager]")));
    }

    [Fact]
    public async Task Twenty_one_orders_and_subscriptions_page_after_twenty_and_pausing_the_oldest_comes_back_to_its_page()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        for (var i = 0; i < 20; i++) await SubscriptionsTests.SubscribeAsync(shop.Api, shop.CustomerEmail);
        using var browser = await factory.SignedInAsync(shop);

        var orders = await browser.GetPageAsync(shop.Home + "/orders");
        var olderOrders = await browser.GetPageAsync(shop.Home + "/orders?page=2");
        var subscriptions = await browser.GetPageAsync(shop.Home + "/subscriptions");
        var olderSubscriptions = await browser.GetPageAsync(shop.Home + "/subscriptions?page=2");

        Assert.Equal((20, 1), (orders.QuerySelectorAll("[data-testid=order]").Length, olderOrders.QuerySelectorAll("[data-testid=order]").Length));
        Assert.Equal("#1021", orders.QuerySelector("[data-testid=order] a")!.TextContent);
        Assert.Equal("#1001", olderOrders.QuerySelector("[data-testid=order] a")!.TextContent);
        Assert.Equal(shop.Home + "/orders?page=2", orders.QuerySelector("[data-testid=pager] a[data-testid=older]")!.GetAttribute("href"));
        Assert.Equal("Page 2 of 2", olderSubscriptions.QuerySelector("[data-testid=page-indicator]")!.TextContent);
        Assert.Equal(shop.SubscriptionId, olderSubscriptions.QuerySelectorAll("[data-testid=subscription]").Single().GetAttribute("data-id"));
        Assert.DoesNotContain(shop.SubscriptionId, subscriptions.QuerySelectorAll("[data-testid=subscription]").Select(s => s.GetAttribute("data-id")));
        Assert.Equal(20, subscriptions.QuerySelectorAll("[data-testid=subscription]").Length);

        // Paused from the second page, the oldest is shown there, paused, with the message.
        var pause = await browser.GetFormAsync($"{shop.Home}/subscriptions/{shop.SubscriptionId}/pause", "portal-action");
        pause.Fields["Choice"] = "pause";
        using var paused = await browser.PostAsync(pause);
        Assert.Equal($"{shop.Home}/subscriptions?page=2&done=pause", paused.Headers.Location!.PathAndQueryOrOriginal());
        var after = await browser.FollowAsync(paused);
        Assert.NotNull(after.QuerySelector("[data-testid=done]"));
        Assert.Equal("Paused", after.QuerySelector($"[data-testid=subscription][data-id='{shop.SubscriptionId}'] [data-testid=status]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Pay_now_on_the_second_page_pays_that_invoice_and_comes_back_to_the_second_page()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        var mine = await InvoicesAsync(factory, shop, shop.SubscriptionId, 45);
        using var browser = await factory.SignedInAsync(shop);
        var url = shop.Home + "/invoices?page=2";
        var page = await browser.GetPageAsync(url);
        var open = page.QuerySelectorAll("[data-testid=invoice]").First(i => i.QuerySelector("[data-testid=pay-now]") is not null);
        var form = await browser.GetFormAsync(url, "portal-pay");
        form.Fields["Invoice"] = open.GetAttribute("data-id")!;

        using var paid = await browser.PostAsync(form);

        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.Equal($"{url}&paid={open.GetAttribute("data-id")}", paid.Headers.Location!.PathAndQueryOrOriginal());
        var after = await browser.FollowAsync(paid);
        var number = open.QuerySelector("[data-testid=number]")!.TextContent;
        Assert.Equal($"{number} is paid. Thank you!", after.QuerySelector("[data-testid=paid]")!.TextContent);
        Assert.Equal(mine[20..40], Numbers(after));
        Assert.Equal("Paid", after.QuerySelectorAll("[data-testid=invoice]").Single(i => i.GetAttribute("data-id") == open.GetAttribute("data-id"))
            .QuerySelector("[data-testid=invoice-status]")!.TextContent);
    }
}

/// <summary>The 45 invoices on PostgreSQL: the count, the order and the page's offset are the database's.</summary>
public sealed class PortalPagingPostgresTests(PostgresNumiFactory factory) : IClassFixture<PostgresNumiFactory>
{
    [Fact]
    public Task A_customer_with_45_invoices_reads_them_newest_first_20_a_page_on_three_pages() => PortalPagingTests.FortyFiveInvoicesAsync(factory);
}

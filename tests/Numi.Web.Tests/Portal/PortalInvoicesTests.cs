using System.Net;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Invoices;
using Numi.Web.Tests.Subscriptions;

namespace Numi.Web.Tests.Portal;

/// <summary>The portal's invoices page: the signed-in customer's invoices with number, period, total, status and PDF
/// link, "Pay now" on an open one (paid, the subscription is active again; declined, the reason inline), an empty state,
/// and nobody else's invoices, read or paid.</summary>
[Collection(AppCollection.Name)]
public sealed class PortalInvoicesTests(NumiFactory factory)
{
    /// <summary>The shop's subscriber renewed on a card that fails every charge: past due, the invoice open.</summary>
    internal static async Task<(PortalShop Shop, string Invoice)> PastDueAsync(NumiFactory factory)
    {
        var shop = await factory.ShopWithSubscriberAsync();
        return (shop, await factory.RenewAsync(shop.OrganizationId, shop.Api, shop.SubscriptionId, "pm_card_chargeCustomerFail"));
    }

    private static async Task<HttpResponseMessage> PayNowAsync(Browser browser, PortalShop shop, string invoice)
    {
        var form = await browser.GetFormAsync(shop.Home + "/invoices", "portal-pay");
        form.Fields["Invoice"] = invoice;
        return await browser.PostAsync(form);
    }

    private static async Task<string> StatusAsync(PortalShop shop, string path) =>
        (await shop.Api.GetFromJsonElementAsync(path)).GetProperty("status").GetString()!;

    [Fact]
    public async Task A_customer_without_invoices_sees_the_empty_state_and_the_navigation_links_to_the_invoices()
    {
        using var shop = await factory.ShopWithSubscriberAsync();
        using var browser = await factory.SignedInAsync(shop);

        var page = await browser.GetPageAsync(shop.Home + "/invoices");

        Assert.Contains("no invoices", page.QuerySelector("[data-testid=no-invoices]")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("[data-testid=invoice]"));
        Assert.Contains(shop.Home + "/invoices", page.QuerySelectorAll("nav a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task An_open_invoice_shows_its_number_period_total_status_and_pdf_link_and_pay_now_makes_the_subscription_active()
    {
        var (shop, invoice) = await PastDueAsync(factory);
        using var _shop = shop;
        using var browser = await factory.SignedInAsync(shop);
        var page = await browser.GetPageAsync(shop.Home + "/invoices");
        var row = Assert.Single(page.QuerySelectorAll("[data-testid=invoice]"));
        Assert.Equal(invoice, row.GetAttribute("data-id"));
        Assert.Equal(("INV-000001", "Due", "$22.00"), (row.QuerySelector("[data-testid=number]")!.TextContent, row.QuerySelector("[data-testid=invoice-status]")!.TextContent,
            row.QuerySelector("[data-testid=total]")!.TextContent));
        Assert.Matches(@"^\d{1,2} \w{3} \d{4} – \d{1,2} \w{3} \d{4}$", row.QuerySelector("[data-testid=period]")!.TextContent);
        Assert.Equal($"{shop.Home}/invoices/{invoice}/pdf", row.QuerySelector("[data-testid=pdf]")!.GetAttribute("href"));
        Assert.Equal("Pay now", row.QuerySelector("button[data-testid=pay-now]")!.TextContent);
        await shop.Api.PostOkAsync($"/api/v1/subscriptions/{shop.SubscriptionId}/payment_method", """{"payment_method":"pm_card_visa"}""");

        using var paid = await PayNowAsync(browser, shop, invoice);

        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var after = await browser.FollowAsync(paid);
        Assert.Equal("INV-000001 is paid. Thank you!", after.QuerySelector("[data-testid=paid]")!.TextContent);
        Assert.Equal("Paid", after.QuerySelector("[data-testid=invoice-status]")!.TextContent);
        Assert.Null(after.QuerySelector("[data-testid=pay-now]"));
        Assert.Equal(("paid", "active"), (await StatusAsync(shop, $"/api/v1/invoices/{invoice}"), await StatusAsync(shop, $"/api/v1/subscriptions/{shop.SubscriptionId}")));
    }

    [Fact]
    public async Task A_declined_payment_shows_its_reason_by_the_invoice_and_it_stays_due()
    {
        var (shop, invoice) = await PastDueAsync(factory);
        using var _shop = shop;
        using var browser = await factory.SignedInAsync(shop);

        using var declined = await PayNowAsync(browser, shop, invoice);

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var page = await Browser.ParseAsync(declined);
        var row = Assert.Single(page.QuerySelectorAll("[data-testid=invoice]"));
        Assert.Contains("soft decline", row.QuerySelector("[data-testid=pay-error]")!.TextContent);
        Assert.Equal("Due", row.QuerySelector("[data-testid=invoice-status]")!.TextContent);
        var api = await shop.Api.GetFromJsonElementAsync($"/api/v1/invoices/{invoice}");
        Assert.Equal(("open", 2), (api.GetProperty("status").GetString(), api.GetProperty("attempt_count").GetInt32()));
    }

    [Fact]
    public async Task Another_customers_and_another_organizations_invoices_are_neither_listed_nor_paid()
    {
        var (shop, mine) = await PastDueAsync(factory);
        var (other, otherInvoice) = await PastDueAsync(factory);
        using var _shop = shop;
        using var _other = other;
        await SubscriptionsTests.SubscribeAsync(shop.Api, $"ben-{Guid.NewGuid():N}@example.com");
        var theirSubscription = (await shop.Api.GetFromJsonElementAsync("/api/v1/subscriptions?limit=1")).Ids()[0];
        var theirs = await factory.RenewAsync(shop.OrganizationId, shop.Api, theirSubscription, "pm_card_chargeCustomerFail");
        using var browser = await factory.SignedInAsync(shop);

        var page = await browser.GetPageAsync(shop.Home + "/invoices");
        using var theirsPaid = await PayNowAsync(browser, shop, theirs);
        using var otherPaid = await PayNowAsync(browser, shop, otherInvoice);

        Assert.Equal([mine], page.QuerySelectorAll("[data-testid=invoice]").Select(i => i.GetAttribute("data-id")));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (theirsPaid.StatusCode, otherPaid.StatusCode));
        Assert.Equal(1, (await shop.Api.GetFromJsonElementAsync($"/api/v1/invoices/{theirs}")).GetProperty("attempt_count").GetInt32());
        Assert.Equal(1, (await other.Api.GetFromJsonElementAsync($"/api/v1/invoices/{otherInvoice}")).GetProperty("attempt_count").GetInt32());
    }
}

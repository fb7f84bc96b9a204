using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Pages;

/// <summary>A subscription the API started has no order: the merchant's subscription page says it came through the API
/// and the customer's list marks it "API" where a checkout's links its order.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiSubscriptionPagesTests(NumiFactory factory)
{
    [Fact]
    public async Task The_subscription_and_customer_pages_show_an_api_subscription_without_an_order_link()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        using var api = factory.CreateApiClient(await factory.CreateApiKeyAsync(organizationId));
        var order = await Subscriptions.SubscriptionsTests.SubscribeAsync(api, "ana@example.com");
        var customer = order.GetProperty("customer").GetString();
        var price = order.GetProperty("lines")[0].GetProperty("price").GetString();
        using var created = await api.PostJsonAsync("/api/v1/subscriptions", $$"""{"customer":"{{customer}}","price":"{{price}}"}""");
        var id = (await created.JsonAsync()).GetProperty("id").GetString();

        var page = await owner.GetPageAsync($"/subscriptions/{id}");
        var customerPage = await owner.GetPageAsync($"/customers/{customer}");

        Assert.Contains("through the API", page.QuerySelector("main")?.TextContent);
        Assert.Empty(page.QuerySelectorAll("main a[href^='orders/']"));
        var rows = customerPage.QuerySelectorAll("[data-testid=subscription-table] tbody tr");
        Assert.Equal(2, rows.Length);
        var apiRow = Assert.Single(rows, r => r.TextContent.Contains(id!, StringComparison.Ordinal));
        Assert.Equal("API", apiRow.QuerySelectorAll("td")[4].TextContent.Trim());
        Assert.Single(customerPage.QuerySelectorAll("[data-testid=subscription-table] a[href^='orders/']"));
    }
}

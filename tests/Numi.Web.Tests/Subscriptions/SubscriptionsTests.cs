using System.Net;
using System.Text.Json;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Pages;

namespace Numi.Web.Tests.Subscriptions;

/// <summary>Subscriptions started by test-mode purchases of a recurring price: the API's list and read (Stripe's shape,
/// filters, tenancy) and the dashboard (the list, customer and order pages are tested in Interactive/).</summary>
[Collection(AppCollection.Name)]
public sealed class SubscriptionsTests(NumiFactory factory)
{
    /// <summary>A published offer selling $22.00 every month (quantity up to 3), bought by <paramref name="email"/>.</summary>
    internal static async Task<JsonElement> SubscribeAsync(HttpClient api, string email, int quantity = 1)
    {
        var product = await api.CreateProductAsync("Coffee Club");
        var price = (await api.PostOkAsync("/api/v1/prices",
            $$"""{"product":"{{product}}","currency":"usd","type":"recurring","recurring":{"interval":"month"},"billing_scheme":"per_unit","unit_amount":2200}""")).GetProperty("id").GetString();
        var offer = await api.PostOkAsync("/api/v1/offers",
            $$"""{"name":"Club","slug":"club-{{Guid.NewGuid():N}}","currency":"usd","status":"published","slots":[{"key":"club","name":"Club","price":"{{price}}","max_quantity":3}]}""");
        var session = await api.PostOkAsync("/api/v1/checkout/sessions",
            JsonSerializer.Serialize(new { offer = offer.GetProperty("id").GetString(), customer_email = email, selection = new { club = new { price, quantity } } }));
        return await api.PostOkAsync($"/api/v1/checkout/sessions/{session.GetProperty("id").GetString()}/confirm", """{"payment_method":"pm_card_visa"}""");
    }

    [Fact]
    public async Task The_api_lists_and_reads_the_subscription_a_recurring_purchase_started()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var order = await SubscribeAsync(api, "ana@example.com", quantity: 2);

        var list = await api.GetFromJsonElementAsync("/api/v1/subscriptions");
        var id = Assert.Single(list.Ids());
        Assert.StartsWith("sub_", id);
        var subscription = await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{id}");
        Assert.Equal("subscription", subscription.GetProperty("object").GetString());
        Assert.Equal("active", subscription.GetProperty("status").GetString());
        Assert.Equal(order.GetProperty("customer").GetString(), subscription.GetProperty("customer").GetString());
        Assert.Equal(order.GetProperty("id").GetString(), subscription.GetProperty("order").GetString());
        Assert.Equal("usd", subscription.GetProperty("currency").GetString());
        var item = Assert.Single(subscription.GetProperty("items").GetProperty("data").EnumerateArray());
        Assert.Equal((2, 4400), (item.GetProperty("quantity").GetInt32(), item.GetProperty("amount").GetInt64()));
        Assert.Equal(2200, item.GetProperty("price").GetProperty("unit_amount").GetInt64());
        Assert.Equal("month", item.GetProperty("price").GetProperty("recurring").GetProperty("interval").GetString());
        Assert.Equal(1, item.GetProperty("price").GetProperty("recurring").GetProperty("interval_count").GetInt32());
        var start = DateTimeOffset.FromUnixTimeSeconds(subscription.GetProperty("current_period_start").GetInt64());
        var end = DateTimeOffset.FromUnixTimeSeconds(subscription.GetProperty("current_period_end").GetInt64());
        Assert.Equal(start.AddMonths(1), end);
        Assert.Equal(order.GetProperty("lines")[0].GetProperty("price").GetString(), item.GetProperty("price").GetProperty("id").GetString());

        Assert.Equal([id], (await api.GetFromJsonElementAsync($"/api/v1/subscriptions?customer={order.GetProperty("customer").GetString()}&status=active")).Ids());
        using var badStatus = await api.GetAsync("/api/v1/subscriptions?status=sleeping");
        await badStatus.ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid", "status");
    }

    [Fact]
    public async Task Another_organizations_subscription_is_not_found_nor_listed()
    {
        var (_, owner) = await factory.NewOrganizationClientAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _owner = owner;
        using var _other = other;
        await SubscribeAsync(owner, "ana@example.com");
        var id = Assert.Single((await owner.GetFromJsonElementAsync("/api/v1/subscriptions")).Ids());

        using var read = await other.GetAsync($"/api/v1/subscriptions/{id}");
        await read.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        Assert.Empty((await other.GetFromJsonElementAsync("/api/v1/subscriptions")).Ids());
    }

    [Fact]
    public async Task The_dashboard_counts_the_organizations_active_subscriptions()
    {
        using var merchant = factory.CreateBrowser();
        var (_, organizationId) = await merchant.SignUpWithIdAsync(factory);
        var before = await merchant.GetPageAsync("/");
        using var api = factory.CreateApiClient(await factory.CreateApiKeyAsync(organizationId));
        await SubscribeAsync(api, "ana@example.com");
        await SubscribeAsync(api, "ben@example.com", quantity: 2);
        var (_, stranger) = await factory.NewOrganizationClientAsync();
        using var _stranger = stranger;
        await SubscribeAsync(stranger, "cy@example.com");

        var after = await merchant.GetPageAsync("/");

        Assert.Contains("Appears when a recurring price sells", before.QuerySelector("[data-testid=active-subscriptions]")?.TextContent);
        Assert.Equal("0", before.QuerySelector("[data-testid=active-subscriptions] .numi-kpi-value")?.TextContent.Trim());
        Assert.Equal("2", after.QuerySelector("[data-testid=active-subscriptions] .numi-kpi-value")?.TextContent.Trim());
    }
}

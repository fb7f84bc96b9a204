using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Pages;

namespace Numi.Web.Tests.Orders;

/// <summary>Orders and customers as the API lists them and the CSV export gives them, after test-mode purchases made
/// through the API (the merchant's pages are tested in Interactive/: OrdersGridTests, OrderViewTests, Customer*Tests).</summary>
[Collection(AppCollection.Name)]
public sealed class OrdersTests(NumiFactory factory)
{
    /// <summary>A published offer selling one $24.00 price, bought by <paramref name="emails"/> in turn.</summary>
    internal static async Task<List<JsonElement>> BuyAsync(HttpClient api, params string[] emails)
    {
        var price = await api.CreatePerUnitPriceAsync(await api.CreateProductAsync("House Blend"), 2400);
        var offer = await api.PostOkAsync("/api/v1/offers",
            $$"""{"name":"Coffee","slug":"coffee-{{Guid.NewGuid():N}}","currency":"usd","status":"published","slots":[{"key":"beans","name":"Beans","price":"{{price}}"}]}""");
        var orders = new List<JsonElement>();
        foreach (var email in emails)
        {
            var session = await api.PostOkAsync("/api/v1/checkout/sessions", $$"""{"offer":"{{offer.GetProperty("id").GetString()}}","customer_email":"{{email}}"}""");
            orders.Add(await api.PostOkAsync($"/api/v1/checkout/sessions/{session.GetProperty("id").GetString()}/confirm", """{"payment_method":"pm_card_visa"}"""));
        }
        return orders;
    }

    [Fact]
    public async Task Orders_are_numbered_from_1001_and_a_returning_email_in_any_case_is_the_same_customer()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;

        var orders = await BuyAsync(api, "ann@example.com", "bob@example.com", "ANN@Example.com");

        Assert.Equal([1001, 1002, 1003], orders.Select(o => o.GetProperty("number").GetInt32()));
        Assert.Equal(orders[0].GetProperty("customer").GetString(), orders[2].GetProperty("customer").GetString());
        Assert.NotEqual(orders[0].GetProperty("customer").GetString(), orders[1].GetProperty("customer").GetString());
        var customers = await api.GetFromJsonElementAsync("/api/v1/customers?email=Ann@EXAMPLE.com");
        Assert.Equal([orders[0].GetProperty("customer").GetString()!], customers.Ids());
        var annOrders = await api.GetFromJsonElementAsync($"/api/v1/orders?customer={orders[0].GetProperty("customer").GetString()}");
        Assert.Equal([orders[2].GetProperty("id").GetString()!, orders[0].GetProperty("id").GetString()!], annOrders.Ids());
        var read = await api.GetFromJsonElementAsync($"/api/v1/orders/{orders[1].GetProperty("id").GetString()}");
        Assert.Equal(2400, read.GetProperty("amount_total").GetInt64());
        Assert.Equal("House Blend", read.GetProperty("lines")[0].GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_paid_order_queues_one_receipt_to_the_shopper()
    {
        var (organizationId, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var email = $"receipt-{Guid.NewGuid():N}@example.com";

        var order = (await BuyAsync(api, email))[0];

        var receipts = await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.To == email).ToListAsync());
        var receipt = Assert.Single(receipts);
        Assert.Equal(organizationId, receipt.OrganizationId);
        Assert.StartsWith($"Your order #{order.GetProperty("number").GetInt32()} from ", receipt.Subject);
        Assert.Contains("House Blend: $24.00", receipt.TextBody);
        Assert.Contains("Total paid: $24.00", receipt.TextBody);
        Assert.Contains("visa ending 4242", receipt.TextBody);
    }

    [Fact]
    public async Task Another_organizations_order_and_customer_are_not_found()
    {
        var (_, seller) = await factory.NewOrganizationClientAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _seller = seller;
        using var _other = other;
        var order = (await BuyAsync(seller, "ann@example.com"))[0];

        using var orderResponse = await other.GetAsync($"/api/v1/orders/{order.GetProperty("id").GetString()}");
        using var customerResponse = await other.GetAsync($"/api/v1/customers/{order.GetProperty("customer").GetString()}");

        await orderResponse.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        await customerResponse.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        Assert.Empty((await other.GetFromJsonElementAsync("/api/v1/orders")).Ids());
    }

    [Fact]
    public async Task The_export_is_a_CSV_of_the_orders_the_search_finds()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        using var api = factory.CreateApiClient(await factory.CreateApiKeyAsync(organizationId));
        await BuyAsync(api, "ann@example.com", "bob@example.com");

        using var csv = await owner.Client.GetAsync("/orders/export.csv?q=bob");
        using var byNumber = await owner.Client.GetAsync("/orders/export.csv?q=%231001");
        using var all = await owner.Client.GetAsync("/orders/export.csv");

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("number,date_utc,customer_email,currency,subtotal,discount,tax,total,status,payment_intent", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("1002,", lines[1]);
        Assert.Contains(",bob@example.com,usd,24.00,0.00,0.00,24.00,paid,", lines[1]);
        Assert.StartsWith("1001,", (await byNumber.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)[1]);
        Assert.Equal(["1002", "1001"], (await all.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task Another_organizations_orders_are_not_in_the_export()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _other = other;
        await BuyAsync(other, "theirs@example.com");

        using var csv = await owner.Client.GetAsync("/orders/export.csv");

        var text = await csv.Content.ReadAsStringAsync();
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("theirs@example.com", text);
    }

    [Fact]
    public async Task A_new_merchant_has_no_orders_and_no_customers_yet()
    {
        using var owner = factory.CreateBrowser();
        await owner.SignUpAsync();

        var orders = await owner.GetPageAsync("/orders");
        var customers = await owner.GetPageAsync("/customers");

        Assert.Contains("No orders yet", orders.QuerySelector("main")!.TextContent);
        Assert.Contains("No customers yet", customers.QuerySelector("main")!.TextContent);
        Assert.Null(orders.QuerySelector("a[href^='orders/export.csv']"));
    }

    [Fact]
    public async Task Refunds_take_part_then_the_rest_and_never_more_than_was_paid()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var order = (await BuyAsync(api, "ann@example.com"))[0];
        var url = $"/api/v1/orders/{order.GetProperty("id").GetString()}/refunds";

        var partial = await api.PostOkAsync(url, """{"amount":900,"reason":"Damaged bag"}""");
        using var tooMuch = await api.PostJsonAsync(url, """{"amount":1600}""");
        using var zero = await api.PostJsonAsync(url, """{"amount":0}""");
        var rest = await api.PostOkAsync(url, "{}");
        using var again = await api.PostJsonAsync(url, "{}");

        Assert.Equal("partially_refunded", partial.GetProperty("status").GetString());
        Assert.Equal(900, partial.GetProperty("amount_refunded").GetInt64());
        Assert.Equal("Damaged bag", partial.GetProperty("refunds")[0].GetProperty("reason").GetString());
        await tooMuch.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "amount");
        await zero.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "amount");
        Assert.Equal("refunded", rest.GetProperty("status").GetString());
        Assert.Equal(2400, rest.GetProperty("amount_refunded").GetInt64());
        Assert.Equal([900L, 1500L], rest.GetProperty("refunds").EnumerateArray().Select(r => r.GetProperty("amount").GetInt64()));
        await again.ProblemAsync(HttpStatusCode.Conflict, "state_conflict", "amount");
    }

    [Fact]
    public async Task Another_organization_cannot_refund_an_order()
    {
        var (_, seller) = await factory.NewOrganizationClientAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _seller = seller;
        using var _other = other;
        var order = (await BuyAsync(seller, "ann@example.com"))[0];

        using var response = await other.PostJsonAsync($"/api/v1/orders/{order.GetProperty("id").GetString()}/refunds", "{}");

        await response.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "id");
        var read = await seller.GetFromJsonElementAsync($"/api/v1/orders/{order.GetProperty("id").GetString()}");
        Assert.Equal(0, read.GetProperty("amount_refunded").GetInt64());
    }

    [Fact]
    public async Task The_dashboard_shows_this_months_revenue_net_of_refunds()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        var before = await owner.GetPageAsync("/");
        using var api = factory.CreateApiClient(await factory.CreateApiKeyAsync(organizationId));
        var orders = await BuyAsync(api, "ann@example.com", "bob@example.com");
        await api.PostOkAsync($"/api/v1/orders/{orders[0].GetProperty("id").GetString()}/refunds", """{"amount":400}""");

        var after = await owner.GetPageAsync("/");

        Assert.Contains("—", before.QuerySelector("[data-testid=revenue]")?.TextContent);
        Assert.Contains("$44.00", after.QuerySelector("[data-testid=revenue]")?.TextContent);
        Assert.Contains("2 orders", after.QuerySelector("[data-testid=revenue]")?.TextContent);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("-1", "'-1")]
    public void Csv_fields_are_quoted_and_cannot_start_a_formula(string value, string expected) =>
        Assert.Equal(expected, Numi.Web.Features.Orders.OrderExport.Csv(value));

}

using System.Net;
using Numi.Infrastructure.Payments;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Orders;
using Numi.Web.Tests.Pages;

namespace Numi.Web.Tests.Stripe;

/// <summary>A payment taken through Stripe is refunded through Stripe only: after the organization disconnected Stripe,
/// the API answers a problem and the order page says why, nothing is refunded (not even by the simulator), and once
/// Stripe is connected again the same refund goes through.</summary>
[Collection(StripeCollection.Name)]
public sealed class StripeRefundTests(StripeFactory factory)
{
    [Fact]
    public async Task A_Stripe_payment_is_not_refunded_while_Stripe_is_disconnected_and_is_once_it_is_connected_again()
    {
        using var owner = factory.CreateBrowser();
        var (_, organizationId) = await owner.SignUpWithIdAsync(factory);
        using var api = factory.CreateApiClient(await factory.CreateApiKeyAsync(organizationId));
        var keys = await factory.ConnectStripeAsync(organizationId);
        var order = (await OrdersTests.BuyAsync(api, "ann@example.com"))[0];
        var id = order.GetProperty("id").GetString();
        Assert.StartsWith("pi_fake", order.GetProperty("payment_intent").GetString());
        using (var disconnected = await owner.SubmitAsync("/settings/stripe/disconnect", new Dictionary<string, string>(), "disconnect-stripe"))
            Assert.Equal(HttpStatusCode.Redirect, disconnected.StatusCode);

        using var refused = await api.PostJsonAsync($"/api/v1/orders/{id}/refunds", """{"amount":500}""");
        using var onPage = await owner.SubmitAsync($"/orders/{id}", new Dictionary<string, string> { ["Input.Amount"] = "5.00", ["Input.Confirmed"] = "true" }, "refund");
        var page = await Browser.ParseAsync(onPage);

        var problem = await refused.ProblemAsync(HttpStatusCode.Conflict, "state_conflict");
        Assert.Equal(TenantPaymentGateway.NotConnected, problem.GetProperty("detail").GetString());
        Assert.False(problem.TryGetProperty("param", out var param) && param.ValueKind == System.Text.Json.JsonValueKind.String);
        Assert.Contains("connect Stripe again in Settings › Stripe", page.QuerySelector("#error-summary")?.TextContent);
        Assert.Empty(page.QuerySelectorAll("[data-testid=refund]"));
        Assert.Equal(0, (await api.GetFromJsonElementAsync($"/api/v1/orders/{id}")).GetProperty("amount_refunded").GetInt64());
        Assert.DoesNotContain(factory.Stripe.Posts("/v1/refunds"), r => r.Field("payment_intent") == order.GetProperty("payment_intent").GetString());

        await factory.ConnectStripeAsync(organizationId, keys);
        var refunded = await api.PostOkAsync($"/api/v1/orders/{id}/refunds", """{"amount":500}""");

        Assert.Equal(500, refunded.GetProperty("amount_refunded").GetInt64());
        Assert.Equal(500, Assert.Single(refunded.GetProperty("refunds").EnumerateArray()).GetProperty("amount").GetInt64());
        Assert.Single(factory.Stripe.Posts("/v1/refunds"), r => r.Field("payment_intent") == order.GetProperty("payment_intent").GetString());
    }
}

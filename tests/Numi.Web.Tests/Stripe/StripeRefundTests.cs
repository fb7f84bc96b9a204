using System.Net;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Core.Common;
using Numi.Infrastructure.Payments;
using Numi.Web.Features.Orders;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Interactive;

namespace Numi.Web.Tests.Stripe;

/// <summary>A payment taken through Stripe is refunded through Stripe only: after the organization disconnected Stripe,
/// the API answers a problem and the order page says why above its refund form, nothing is refunded (not even by the
/// simulator), and once Stripe is connected again the same refund goes through from the page.</summary>
[Collection(StripeCollection.Name)]
public sealed class StripeRefundTests(StripeFactory factory) : InteractiveTestContext
{
    [Fact]
    public async Task A_Stripe_payment_is_not_refunded_while_Stripe_is_disconnected_and_is_once_it_is_connected_again()
    {
        var person = await factory.SignUpPersonAsync();
        using var api = factory.CreateApiClient(await factory.CreateApiKeyAsync(person.OrganizationId));
        var keys = await factory.ConnectStripeAsync(person.OrganizationId);
        var order = (await factory.BuyAsync(person, "ann@example.com"))[0];
        var id = order.Id();
        var intent = order.GetProperty("payment_intent").GetString();
        Assert.StartsWith("pi_fake", intent);
        await factory.DisconnectStripeAsync(person.OrganizationId);

        using var refused = await api.PostJsonAsync($"/api/v1/orders/{id}/refunds", """{"amount":500}""");
        var problem = await refused.ProblemAsync(HttpStatusCode.Conflict, "state_conflict");
        Assert.Equal(TenantPaymentGateway.NotConnected, problem.GetProperty("detail").GetString());
        Assert.False(problem.TryGetProperty("param", out var param) && param.ValueKind == System.Text.Json.JsonValueKind.String);

        UseApp(factory, await factory.PrincipalAsync(person));
        var dialogs = RenderInteractive<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var view = Render<OrderView>(p => p.Add(x => x.Id, id));
        view.WaitForAssertion(() => Assert.NotNull(view.Find("[data-testid=refund-form]")));
        view.Find("input[data-testid=refund-amount]").Input("5.00");

        void RefundOnPage()
        {
            view.Find("button[data-testid=refund-submit]").Click();
            dialogs.WaitForAssertion(() => Assert.Contains("Give $5.00 back", dialogs.Markup));
            dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Refund").Click();
        }

        RefundOnPage();
        view.WaitForAssertion(() => Assert.Contains("connect Stripe again in Settings › Stripe", view.Find("[data-testid=refund-error]").TextContent), TimeSpan.FromSeconds(5));
        // Not the amount's fault: the message is above the form, not under the field.
        Assert.Empty(view.FindAll("[data-testid=refund-form] .mud-input-helper-text.mud-input-error"));
        Assert.Empty(view.FindAll("[data-testid=refund]"));
        Assert.Equal(0, await RefundedAsync(id));
        Assert.DoesNotContain(factory.Stripe.Posts("/v1/refunds"), r => r.Field("payment_intent") == intent);

        await factory.ConnectStripeAsync(person.OrganizationId, keys);
        RefundOnPage();

        view.WaitForAssertion(() => Assert.Contains("refunded $5.00", view.Find("[data-testid=refund]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Empty(view.FindAll("[data-testid=refund-error]"));
        Assert.Equal(500, await RefundedAsync(id));
        Assert.Single(factory.Stripe.Posts("/v1/refunds"), r => r.Field("payment_intent") == intent);
    }

    private Task<long> RefundedAsync(string orderId)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.Order, orderId, out var key));
        return factory.WithDbAsync(db => db.Orders.IgnoreQueryFilters().Where(o => o.Id == key).Select(o => o.AmountRefunded).SingleAsync());
    }
}

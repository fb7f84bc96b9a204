using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Infrastructure.Tests.Support;
using Numi.Core.Webhooks;
using Numi.Infrastructure.Payments;
using Numi.Infrastructure.Webhooks;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Pages;

namespace Numi.Web.Tests.Webhooks;

/// <summary>Signed Stripe events posted to the webhook endpoint, then processed as the background job does: the closed
/// tab completes its checkout, and refunds, disputes and duplicates give the same order whatever their order of arrival.</summary>
[Collection(AppCollection.Name)]
public sealed class WebhookProcessingTests(NumiFactory factory)
{
    private const string Secret = "whsec_processing_tests";

    private sealed record Merchant(Guid OrganizationId, string Slug, HttpClient Api, string OfferId) : IDisposable
    {
        public void Dispose() => Api.Dispose();
    }

    private async Task<Merchant> MerchantAsync(Browser? owner = null)
    {
        Guid organizationId;
        string slug;
        if (owner is null)
        {
            var account = Infrastructure.Merchant.New();
            (organizationId, slug) = (await factory.CreateOrganizationAsync(account), account.Slug);
        }
        else
        {
            var (account, id) = await owner.SignUpWithIdAsync(factory);
            (organizationId, slug) = (id, account.Slug);
        }
        await factory.WithDbAsync(async db =>
        {
            (await db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Id == organizationId)).SetWebhookSigningSecret(Secret);
            await db.SaveChangesAsync();
        });
        var api = factory.CreateApiClient(await factory.CreateApiKeyAsync(organizationId));
        var price = await api.CreatePerUnitPriceAsync(await api.CreateProductAsync("House Blend"), 2400);
        var offer = await api.PostOkAsync("/api/v1/offers",
            $$"""{"name":"Coffee","slug":"coffee-{{Guid.NewGuid():N}}","currency":"usd","status":"published","slots":[{"key":"beans","name":"Beans","price":"{{price}}"}]}""");
        return new Merchant(organizationId, slug, api, offer.GetProperty("id").GetString()!);
    }

    /// <summary>The shopper pays with the 3-D Secure test card, approves at the (simulated) bank and closes the tab.</summary>
    private async Task<(string Session, string Intent)> ClosedTabAsync(Merchant merchant)
    {
        var (session, intent) = await ChallengedAsync(merchant);
        Assert.True(factory.Services.GetRequiredService<SimulatedGateway>().Authenticate(intent, approved: true));
        return (session, intent);
    }

    /// <summary>The shopper pays with the 3-D Secure test card and is sent to the bank.</summary>
    private async Task<(string Session, string Intent)> ChallengedAsync(Merchant merchant)
    {
        var session = (await merchant.Api.PostOkAsync("/api/v1/checkout/sessions", $$"""{"offer":"{{merchant.OfferId}}","customer_email":"tab@example.com"}"""))
            .GetProperty("id").GetString()!;
        using (var challenged = await merchant.Api.PostAsync($"/api/v1/checkout/sessions/{session}/confirm", ApiCalls.Json("""{"payment_method":"pm_card_authenticationRequired"}""")))
            Assert.False(challenged.IsSuccessStatusCode);
        PublicIdOf(session, out var sessionId);
        var intent = await factory.WithDbAsync(db => db.CheckoutSessions.IgnoreQueryFilters().Where(s => s.Id == sessionId).Select(s => s.PendingPaymentIntent).SingleAsync());
        Assert.NotNull(intent);
        return (session, intent);
    }

    private static void PublicIdOf(string session, out Guid id) => id = Guid.ParseExact(session["cs_".Length..], "N");

    private async Task SendAsync(Merchant merchant, string type, object dataObject, string? eventId = null)
    {
        var payload = JsonSerializer.Serialize(new { id = eventId ?? "evt_" + Guid.NewGuid().ToString("N"), @object = "event", type, data = new { @object = dataObject } });
        using var client = factory.CreateApiClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/stripe/{merchant.Slug}") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", StripeSignatureHeader.For(payload, Secret, DateTimeOffset.UtcNow));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<WebhookRunSummary> ProcessAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WebhookEventRunner>().RunAsync(CancellationToken.None);
    }

    private static object Succeeded(string intent, string session) =>
        new { id = intent, @object = "payment_intent", status = "succeeded", metadata = new Dictionary<string, string> { [CheckoutOfIntent.MetadataKey] = session } };

    private static object Refunded(string intent, long amountRefunded, string refundId) => new
    {
        id = "ch_" + intent, @object = "charge", payment_intent = intent, currency = "usd", amount_refunded = amountRefunded,
        refunds = new { data = new[] { new { id = refundId, amount = amountRefunded, status = "succeeded", reason = "requested_by_customer" } } },
    };

    private static object Disputed(string intent) =>
        new { id = "dp_" + intent, @object = "dispute", payment_intent = intent, amount = 2400, currency = "usd", reason = "product_not_received" };

    private static async Task<JsonElement> OrderOfAsync(Merchant merchant, string session)
    {
        var orders = await merchant.Api.GetFromJsonElementAsync("/api/v1/orders");
        return Assert.Single(orders.GetProperty("data").EnumerateArray(), o => o.GetProperty("checkout_session").GetString() == session);
    }

    [Fact]
    public async Task The_closed_tab_is_completed_by_payment_intent_succeeded_once_even_when_Stripe_delivers_it_twice()
    {
        using var merchant = await MerchantAsync();
        var (session, intent) = await ClosedTabAsync(merchant);
        var eventId = "evt_" + Guid.NewGuid().ToString("N");

        await SendAsync(merchant, "payment_intent.succeeded", Succeeded(intent, session), eventId);
        await SendAsync(merchant, "payment_intent.succeeded", Succeeded(intent, session), eventId);
        await SendAsync(merchant, "payment_intent.succeeded", Succeeded(intent, session));
        await ProcessAsync();
        await ProcessAsync();

        var read = await merchant.Api.GetFromJsonElementAsync($"/api/v1/checkout/sessions/{session}");
        Assert.Equal("complete", read.GetProperty("status").GetString());
        var order = await OrderOfAsync(merchant, session);
        Assert.Equal(intent, order.GetProperty("payment_intent").GetString());
        Assert.Equal(2400, order.GetProperty("amount_total").GetInt64());
        var events = await factory.WithDbAsync(db => db.WebhookEvents.IgnoreQueryFilters().Where(e => e.OrganizationId == merchant.OrganizationId).ToListAsync());
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.NotNull(e.ProcessedAt));
    }

    [Fact]
    public async Task A_failed_payment_reported_while_the_shopper_is_away_is_shown_when_they_come_back()
    {
        using var merchant = await MerchantAsync();
        var (session, intent) = await ChallengedAsync(merchant);
        factory.Services.GetRequiredService<SimulatedGateway>().Authenticate(intent, approved: false);
        var failed = new
        {
            id = intent, @object = "payment_intent", status = "requires_payment_method",
            metadata = new Dictionary<string, string> { [CheckoutOfIntent.MetadataKey] = session },
            last_payment_error = new { code = "payment_intent_authentication_failure" },
        };

        await SendAsync(merchant, "payment_intent.payment_failed", failed);
        await ProcessAsync();

        using var shopper = factory.CreateBrowser();
        using var back = await shopper.Client.GetAsync($"/checkout/{session}/authenticate");
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.EndsWith("?declined=1", back.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = await shopper.GetPageAsync(back.Headers.Location.OriginalString);
        Assert.Contains("bank could not confirm", page.QuerySelector("[data-testid=pay-error]")!.TextContent, StringComparison.Ordinal);
        var read = await merchant.Api.GetFromJsonElementAsync($"/api/v1/checkout/sessions/{session}");
        Assert.Equal("open", read.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_payment_the_simulated_processor_does_not_know_is_explained_in_a_sentence_on_the_events_page()
    {
        using var owner = factory.CreateBrowser();
        using var merchant = await MerchantAsync(owner);
        var (session, _) = await ChallengedAsync(merchant);

        await SendAsync(merchant, "payment_intent.succeeded", Succeeded("pi_sim_unknown_" + Guid.NewGuid().ToString("N"), session));
        await ProcessAsync();

        var events = await owner.GetPageAsync("/settings/webhook-events");
        var result = Assert.Single(events.QuerySelectorAll("[data-testid=webhook-event-result]")).TextContent;
        Assert.Contains("No such payment intent in the simulated processor.", result, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(Numi.Core.Payments.ChargeStatus.InvalidCard), result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refund_and_dispute_before_the_payment_give_the_same_order_as_after_it()
    {
        using var merchant = await MerchantAsync();
        var (inOrder, inOrderIntent) = await ClosedTabAsync(merchant);
        var (reversed, reversedIntent) = await ClosedTabAsync(merchant);

        // Paid, then refunded and disputed, each processed as it arrives.
        await SendAsync(merchant, "payment_intent.succeeded", Succeeded(inOrderIntent, inOrder));
        await ProcessAsync();
        await SendAsync(merchant, "charge.refunded", Refunded(inOrderIntent, 900, "re_dash_" + inOrderIntent));
        await SendAsync(merchant, "charge.dispute.created", Disputed(inOrderIntent));
        await ProcessAsync();
        // The same events the other way round, all waiting for one run; the refund delivered twice.
        await SendAsync(merchant, "charge.dispute.created", Disputed(reversedIntent));
        await SendAsync(merchant, "charge.refunded", Refunded(reversedIntent, 900, "re_dash_" + reversedIntent));
        await SendAsync(merchant, "charge.refunded", Refunded(reversedIntent, 900, "re_dash_" + reversedIntent));
        await SendAsync(merchant, "payment_intent.succeeded", Succeeded(reversedIntent, reversed));
        await ProcessAsync();

        foreach (var session in new[] { inOrder, reversed })
        {
            var order = await OrderOfAsync(merchant, session);
            Assert.Equal("partially_refunded", order.GetProperty("status").GetString());
            Assert.Equal(900, order.GetProperty("amount_refunded").GetInt64());
            Assert.Single(order.GetProperty("refunds").EnumerateArray());
            Assert.Equal("product_not_received", order.GetProperty("dispute").GetProperty("reason").GetString());
            Assert.Equal(2400, order.GetProperty("dispute").GetProperty("amount").GetInt64());
        }
        var waiting = await factory.WithDbAsync(db => db.WebhookEvents.IgnoreQueryFilters().CountAsync(e => e.OrganizationId == merchant.OrganizationId && e.ProcessedAt == null));
        Assert.Equal(0, waiting);
    }

    [Fact]
    public async Task The_merchant_sees_Stripe_refunds_and_the_dispute_on_the_order_page_and_the_events_in_settings()
    {
        using var owner = factory.CreateBrowser();
        using var merchant = await MerchantAsync(owner);
        var (session, intent) = await ClosedTabAsync(merchant);
        await SendAsync(merchant, "payment_intent.succeeded", Succeeded(intent, session));
        await SendAsync(merchant, "charge.refunded", Refunded(intent, 500, "re_dash_" + intent));
        await SendAsync(merchant, "charge.dispute.created", Disputed(intent));
        await SendAsync(merchant, "charge.dispute.created", Disputed("pi_not_numi_" + Guid.NewGuid().ToString("N")));
        await ProcessAsync();

        var order = await OrderOfAsync(merchant, session);
        var page = await owner.GetPageAsync($"/orders/{order.GetProperty("id").GetString()}");
        Assert.Contains("Refunded in Stripe (requested_by_customer)", page.QuerySelector("[data-testid=refund]")!.TextContent);
        Assert.Contains("product_not_received", page.QuerySelector("[data-testid=dispute]")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-testid=order-disputed]"));
        // The list marks the disputed order once its grid loads (OrdersGridTests.A_disputed_order_is_marked_in_the_list).

        var events = await owner.GetPageAsync("/settings/webhook-events");
        var rows = events.QuerySelectorAll("[data-testid=webhook-event]");
        Assert.Equal(4, rows.Length);
        Assert.Contains(rows, r => r.TextContent.Contains("Made order #1001", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.TextContent.Contains("Waiting", StringComparison.Ordinal) && r.TextContent.Contains("No order has payment pi_not_numi_", StringComparison.Ordinal));
    }
}

using System.Net;
using Numi.Core.Common;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Invoices;

/// <summary><c>POST /api/v1/invoices/{id}/pay</c>: an open invoice charged now with the subscription's saved card; paid,
/// the past-due subscription is active; declined, a 402 with the decline code and the attempt recorded; an invoice that
/// cannot be paid is a 409, another organization's a 404; an Idempotency-Key replays the first answer.</summary>
[Collection(AppCollection.Name)]
public sealed class InvoicePayApiTests(NumiFactory factory)
{
    private static Task<System.Text.Json.JsonElement> StatusOfAsync(HttpClient api, string path) => api.GetFromJsonElementAsync(path);

    private static Task<HttpResponseMessage> PayWithKeyAsync(HttpClient api, string invoice, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/invoices/{invoice}/pay") { Content = ApiCalls.Json("") };
        request.Headers.Add("Idempotency-Key", key);
        return api.SendAsync(request);
    }

    [Fact]
    public async Task A_past_due_invoice_paid_with_a_new_card_makes_the_subscription_active_and_a_replayed_key_charges_nothing_more()
    {
        var (organization, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var (subscription, invoice) = await factory.RenewedAsync(organization, api, "pm_card_chargeCustomerFail");
        Assert.Equal("past_due", (await StatusOfAsync(api, $"/api/v1/subscriptions/{subscription}")).GetProperty("status").GetString());
        await api.PostOkAsync($"/api/v1/subscriptions/{subscription}/payment_method", """{"payment_method":"pm_card_visa"}""");

        using var first = await PayWithKeyAsync(api, invoice, "pay-now-1");
        using var replayed = await PayWithKeyAsync(api, invoice, "pay-now-1");
        using var again = await api.PostJsonAsync($"/api/v1/invoices/{invoice}/pay", "");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, replayed.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replayed.Content.ReadAsStringAsync());
        Assert.True(replayed.Headers.Contains("Idempotent-Replayed"));
        var paid = await StatusOfAsync(api, $"/api/v1/invoices/{invoice}");
        Assert.Equal(("paid", 2, 4400L), (paid.GetProperty("status").GetString(), paid.GetProperty("attempt_count").GetInt32(), paid.GetProperty("amount_paid").GetInt64()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, paid.GetProperty("next_payment_attempt").ValueKind);
        var problem = await again.ProblemAsync(HttpStatusCode.Conflict, ErrorCodes.StateConflict);
        Assert.EndsWith("is already paid.", problem.GetProperty("detail").GetString());
        Assert.Equal("active", (await StatusOfAsync(api, $"/api/v1/subscriptions/{subscription}")).GetProperty("status").GetString());
        var timeline = (await StatusOfAsync(api, $"/api/v1/subscriptions/{subscription}/timeline")).GetProperty("data");
        Assert.Equal(("renewed", "past_due", "active"), (timeline[0].GetProperty("type").GetString(),
            timeline[0].GetProperty("from_status").GetString(), timeline[0].GetProperty("to_status").GetString()));
    }

    [Fact]
    public async Task A_declined_payment_is_a_402_with_the_decline_code_and_the_attempt_is_recorded_with_its_reason()
    {
        var (organization, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var (subscription, invoice) = await factory.RenewedAsync(organization, api, "pm_card_chargeDeclinedInsufficientFunds");

        using var response = await api.PostJsonAsync($"/api/v1/invoices/{invoice}/pay", "{}");

        var problem = await response.ProblemAsync(HttpStatusCode.PaymentRequired, ErrorCodes.CardDeclined, "payment_method");
        Assert.Equal("insufficient_funds", problem.GetProperty("decline_code").GetString());
        var open = await StatusOfAsync(api, $"/api/v1/invoices/{invoice}");
        Assert.Equal(("open", 2, "insufficient_funds"), (open.GetProperty("status").GetString(), open.GetProperty("attempt_count").GetInt32(),
            open.GetProperty("last_decline_code").GetString()));
        Assert.Contains(open.GetProperty("retry_reason").GetString()!, problem.GetProperty("detail").GetString());
        Assert.Equal("past_due", (await StatusOfAsync(api, $"/api/v1/subscriptions/{subscription}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_void_invoice_is_a_409_another_organizations_a_404_and_a_body_field_a_400()
    {
        var (organization, api) = await factory.NewOrganizationClientAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        using var _other = other;
        var (_, invoice) = await factory.RenewedAsync(organization, api, "pm_card_chargeCustomerFail");

        using var stranger = await other.PostJsonAsync($"/api/v1/invoices/{invoice}/pay", "");
        using var unknownField = await api.PostJsonAsync($"/api/v1/invoices/{invoice}/pay", """{"amount":1}""");
        using var unknownId = await api.PostJsonAsync("/api/v1/invoices/in_00000000000000000000000000000000/pay", "");
        await api.PostOkAsync($"/api/v1/invoices/{invoice}/void", "");
        using var ofVoid = await api.PostJsonAsync($"/api/v1/invoices/{invoice}/pay", "");

        await stranger.ProblemAsync(HttpStatusCode.NotFound, ErrorCodes.ResourceMissing, "id");
        await unknownField.ProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ParameterUnknown, "amount");
        await unknownId.ProblemAsync(HttpStatusCode.NotFound, ErrorCodes.ResourceMissing, "id");
        var problem = await ofVoid.ProblemAsync(HttpStatusCode.Conflict, ErrorCodes.StateConflict);
        Assert.EndsWith("is void: nothing is owed on it.", problem.GetProperty("detail").GetString());
        Assert.Equal(1, (await StatusOfAsync(api, $"/api/v1/invoices/{invoice}")).GetProperty("attempt_count").GetInt32());
    }
}

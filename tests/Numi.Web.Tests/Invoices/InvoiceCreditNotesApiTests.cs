using System.Net;
using System.Text.Json;
using Numi.Core.Common;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Invoices;

/// <summary><c>POST /api/v1/invoices/{id}/credit_notes</c>: a paid invoice refunded through the simulated processor is a
/// 201 with the credit note, shown on the invoice and in the subscription's timeline; an Idempotency-Key replays the
/// first answer without a second note; refusals are problem details with Numi's codes; another organization's invoice
/// is a 404.</summary>
[Collection(AppCollection.Name)]
public sealed class InvoiceCreditNotesApiTests(NumiFactory factory)
{
    private static Task<HttpResponseMessage> CreditWithKeyAsync(HttpClient api, string invoice, string json, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/invoices/{invoice}/credit_notes") { Content = ApiCalls.Json(json) };
        request.Headers.Add("Idempotency-Key", key);
        return api.SendAsync(request);
    }

    [Fact]
    public async Task A_refund_is_a_201_with_the_credit_note_and_a_replayed_key_makes_no_second_one()
    {
        var (organization, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var (subscription, invoice) = await factory.RenewedAsync(organization, api, "pm_card_visa");

        using var first = await CreditWithKeyAsync(api, invoice, """{"amount":1500,"reason":"Damaged in transit"}""", "credit-1");
        using var replayed = await CreditWithKeyAsync(api, invoice, """{"amount":1500,"reason":"Damaged in transit"}""", "credit-1");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, replayed.StatusCode));
        Assert.Equal($"/api/v1/invoices/{invoice}", first.Headers.Location?.OriginalString);
        var body = await first.Content.ReadAsStringAsync();
        Assert.Equal(body, await replayed.Content.ReadAsStringAsync());
        var note = JsonDocument.Parse(body).RootElement;
        Assert.StartsWith("cn_", note.GetProperty("id").GetString());
        Assert.Equal(("credit_note", 1500L, "usd", "Damaged in transit"), (note.GetProperty("object").GetString(), note.GetProperty("amount").GetInt64(),
            note.GetProperty("currency").GetString(), note.GetProperty("reason").GetString()));
        var shown = await api.GetFromJsonElementAsync($"/api/v1/invoices/{invoice}");
        Assert.Equal(1500L, shown.GetProperty("amount_credited").GetInt64());
        Assert.Equal(note.GetProperty("id").GetString(), Assert.Single(shown.GetProperty("credit_notes").EnumerateArray()).GetProperty("id").GetString());
        var timeline = (await api.GetFromJsonElementAsync($"/api/v1/subscriptions/{subscription}/timeline")).GetProperty("data");
        Assert.Equal(("invoice_credited", "INV-000001: $15.00 refunded", "Damaged in transit"), (timeline[0].GetProperty("type").GetString(),
            timeline[0].GetProperty("detail").GetString(), timeline[0].GetProperty("note").GetString()));
    }

    [Fact]
    public async Task No_amount_refunds_everything_left_and_then_nothing_more_can_be()
    {
        var (organization, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var (_, invoice) = await factory.RenewedAsync(organization, api, "pm_card_visa");

        using var all = await api.PostJsonAsync($"/api/v1/invoices/{invoice}/credit_notes", "{}");
        using var more = await api.PostJsonAsync($"/api/v1/invoices/{invoice}/credit_notes", """{"amount":1}""");

        Assert.Equal(HttpStatusCode.Created, all.StatusCode);
        Assert.Equal(4400L, JsonDocument.Parse(await all.Content.ReadAsStringAsync()).RootElement.GetProperty("amount").GetInt64());
        var problem = await more.ProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.ParameterInvalid, "amount");
        Assert.Equal("Everything paid on this invoice has already been credited.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Refusals_are_problems_and_another_organizations_invoice_is_a_404()
    {
        var (organization, api) = await factory.NewOrganizationClientAsync();
        var (other, otherApi) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        using var _other = otherApi;
        var (_, paid) = await factory.RenewedAsync(organization, api, "pm_card_visa");
        var (_, open) = await factory.RenewedAsync(other, otherApi, "pm_card_chargeCustomerFail");

        using var stranger = await otherApi.PostJsonAsync($"/api/v1/invoices/{paid}/credit_notes", """{"amount":100}""");
        using var over = await api.PostJsonAsync($"/api/v1/invoices/{paid}/credit_notes", """{"amount":4401}""");
        using var zero = await api.PostJsonAsync($"/api/v1/invoices/{paid}/credit_notes", """{"amount":0}""");
        using var longReason = await api.PostJsonAsync($"/api/v1/invoices/{paid}/credit_notes", $$"""{"amount":100,"reason":"{{new string('a', 501)}}"}""");
        using var unknownField = await api.PostJsonAsync($"/api/v1/invoices/{paid}/credit_notes", """{"amount":100,"currency":"eur"}""");
        using var unpaid = await otherApi.PostJsonAsync($"/api/v1/invoices/{open}/credit_notes", """{"amount":100}""");
        using var unknownId = await api.PostJsonAsync("/api/v1/invoices/in_00000000000000000000000000000000/credit_notes", "{}");

        await stranger.ProblemAsync(HttpStatusCode.NotFound, ErrorCodes.ResourceMissing, "id");
        Assert.Equal("At most $44.00 is left to credit on this invoice.",
            (await over.ProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.ParameterInvalid, "amount")).GetProperty("detail").GetString());
        await zero.ProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.ParameterInvalid, "amount");
        await longReason.ProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.ParameterInvalid, "reason");
        await unknownField.ProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ParameterUnknown, "currency");
        Assert.Equal("Only a paid invoice can be credited; this one is open.",
            (await unpaid.ProblemAsync(HttpStatusCode.Conflict, ErrorCodes.StateConflict)).GetProperty("detail").GetString());
        await unknownId.ProblemAsync(HttpStatusCode.NotFound, ErrorCodes.ResourceMissing, "id");
        var shown = await api.GetFromJsonElementAsync($"/api/v1/invoices/{paid}");
        Assert.Equal((0L, 0), (shown.GetProperty("amount_credited").GetInt64(), shown.GetProperty("credit_notes").GetArrayLength()));
    }
}

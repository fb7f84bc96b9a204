using System.Net;
using System.Text.Json;
using Numi.Core.Common;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Invoices;

/// <summary>Renewal invoices through the API: the list with its filters, one invoice with its lines, attempts, next
/// attempt and reason, voiding; bad filters are 400s naming the parameter, unknown and other organizations' ids 404s.</summary>
[Collection(AppCollection.Name)]
public sealed class InvoicesApiTests(NumiFactory factory)
{
    private Task<(string Subscription, string Invoice)> RenewedAsync(Guid organizationId, HttpClient api, string paymentMethod) =>
        factory.RenewedAsync(organizationId, api, paymentMethod);

    [Fact]
    public async Task The_list_filters_by_subscription_and_status_and_an_invoice_shows_its_attempts_and_retry_reason()
    {
        var (organization, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var (_, paid) = await RenewedAsync(organization, api, "pm_card_visa");
        var (failingSubscription, open) = await RenewedAsync(organization, api, "pm_card_chargeCustomerFail");

        Assert.Equal([open, paid], (await api.GetFromJsonElementAsync("/api/v1/invoices")).Ids());
        Assert.Equal([open], (await api.GetFromJsonElementAsync("/api/v1/invoices?status=open")).Ids());
        Assert.Equal([paid], (await api.GetFromJsonElementAsync("/api/v1/invoices?status=paid")).Ids());
        Assert.Equal([open], (await api.GetFromJsonElementAsync($"/api/v1/invoices?subscription={failingSubscription}&status=open")).Ids());
        Assert.Empty((await api.GetFromJsonElementAsync($"/api/v1/invoices?subscription={failingSubscription}&status=paid")).Ids());

        var invoice = await api.GetFromJsonElementAsync($"/api/v1/invoices/{open}");
        Assert.Equal(("invoice", "open", "INV-000002", failingSubscription), (invoice.GetProperty("object").GetString(), invoice.GetProperty("status").GetString(),
            invoice.GetProperty("number").GetString(), invoice.GetProperty("subscription").GetString()));
        var line = invoice.GetProperty("lines").GetProperty("data")[0];
        Assert.Equal((2, 2200L, 4400L), (line.GetProperty("quantity").GetInt32(), line.GetProperty("unit_amount").GetInt64(), line.GetProperty("amount").GetInt64()));
        Assert.Equal((4400L, 1, "generic_decline"), (invoice.GetProperty("total").GetInt64(), invoice.GetProperty("attempt_count").GetInt32(),
            invoice.GetProperty("last_decline_code").GetString()));
        Assert.True(invoice.GetProperty("next_payment_attempt").GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Contains("soft decline", invoice.GetProperty("retry_reason").GetString());
        var paidInvoice = await api.GetFromJsonElementAsync($"/api/v1/invoices/{paid}");
        Assert.Equal(("paid", 4400L, JsonValueKind.Null), (paidInvoice.GetProperty("status").GetString(), paidInvoice.GetProperty("amount_paid").GetInt64(),
            paidInvoice.GetProperty("next_payment_attempt").ValueKind));
        Assert.StartsWith("pi_", paidInvoice.GetProperty("payment_intent").GetString());
    }

    [Fact]
    public async Task Only_an_open_or_draft_invoice_can_be_voided()
    {
        var (organization, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var (_, paid) = await RenewedAsync(organization, api, "pm_card_visa");
        var (_, open) = await RenewedAsync(organization, api, "pm_card_chargeDeclinedInsufficientFunds");

        var voided = await api.PostOkAsync($"/api/v1/invoices/{open}/void", "");
        using var again = await api.PostJsonAsync($"/api/v1/invoices/{open}/void", "");
        using var ofPaid = await api.PostJsonAsync($"/api/v1/invoices/{paid}/void", "");
        using var unknown = await api.PostJsonAsync($"/api/v1/invoices/{paid}/void", """{"reason":"x"}""");

        Assert.Equal(("void", JsonValueKind.Null), (voided.GetProperty("status").GetString(), voided.GetProperty("next_payment_attempt").ValueKind));
        await again.ProblemAsync(HttpStatusCode.Conflict, ErrorCodes.StateConflict);
        await ofPaid.ProblemAsync(HttpStatusCode.Conflict, ErrorCodes.StateConflict);
        await unknown.ProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ParameterUnknown, "reason");
        Assert.Equal("paid", (await api.GetFromJsonElementAsync($"/api/v1/invoices/{paid}")).GetProperty("status").GetString());
        Assert.Equal([open], (await api.GetFromJsonElementAsync("/api/v1/invoices?status=void")).Ids());
    }

    [Theory]
    [InlineData("/api/v1/invoices?status=late", 400, "parameter_invalid", "status")]
    [InlineData("/api/v1/invoices?subscription=cus_123", 400, "parameter_invalid", "subscription")]
    [InlineData("/api/v1/invoices/in_00000000000000000000000000000000", 404, "resource_missing", "id")]
    [InlineData("/api/v1/invoices/sub_00000000000000000000000000000000", 404, "resource_missing", "id")]
    public async Task Bad_filters_and_unknown_ids_are_problems_naming_the_parameter(string url, int status, string code, string param)
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        using var response = await api.GetAsync(url);
        var problem = await response.ProblemAsync((HttpStatusCode)status, code, param);
        if (param == "status") Assert.Contains("draft, open, paid, void, uncollectible", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Another_organizations_invoices_are_not_listed_read_or_voided()
    {
        var (organization, api) = await factory.NewOrganizationClientAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        using var _other = other;
        var (subscription, open) = await RenewedAsync(organization, api, "pm_card_chargeCustomerFail");

        using var read = await other.GetAsync($"/api/v1/invoices/{open}");
        using var voiding = await other.PostJsonAsync($"/api/v1/invoices/{open}/void", "");
        var listed = await other.GetFromJsonElementAsync($"/api/v1/invoices?subscription={subscription}");

        await read.ProblemAsync(HttpStatusCode.NotFound, ErrorCodes.ResourceMissing, "id");
        await voiding.ProblemAsync(HttpStatusCode.NotFound, ErrorCodes.ResourceMissing, "id");
        Assert.Empty(listed.Ids());
        Assert.Empty((await other.GetFromJsonElementAsync("/api/v1/invoices")).Ids());
        Assert.Equal("open", (await api.GetFromJsonElementAsync($"/api/v1/invoices/{open}")).GetProperty("status").GetString());
    }
}

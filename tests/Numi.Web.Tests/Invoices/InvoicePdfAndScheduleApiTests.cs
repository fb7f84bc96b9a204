using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Numi.Web.Tests.Invoices;

/// <summary><c>GET /api/v1/invoices/{id}/pdf</c> and <c>…/retry_schedule</c>: the PDF of the organization's own invoice
/// with its number and total, the planned attempts with their reasons or why there are none; other organizations' and
/// unknown ids are 404 problems.</summary>
[Collection(AppCollection.Name)]
public sealed class InvoicePdfAndScheduleApiTests(NumiFactory factory)
{
    [Fact]
    public async Task The_pdf_is_the_invoice_with_its_number_total_and_the_merchants_name_under_its_number_as_file_name()
    {
        var (organization, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var (_, invoice) = await factory.RenewedAsync(organization, api, "pm_card_visa");
        var merchant = await factory.WithDbAsync(db => db.Organizations.IgnoreQueryFilters().Where(o => o.Id == organization).Select(o => o.Name).SingleAsync());

        using var response = await api.GetAsync($"/api/v1/invoices/{invoice}/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("INV-000001.pdf", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = pdf.GetPage(1).Text;
        Assert.Contains("INV-000001", text);
        Assert.Contains("$44.00", text);
        Assert.Contains(merchant, text);
        Assert.Contains("paid", text);
    }

    [Fact]
    public async Task A_retrying_invoice_lists_its_planned_attempts_with_the_reason_the_invoice_shows()
    {
        var (organization, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var (_, invoice) = await factory.RenewedAsync(organization, api, "pm_card_chargeCustomerFail");
        var held = await api.GetFromJsonElementAsync($"/api/v1/invoices/{invoice}");

        var schedule = await api.GetFromJsonElementAsync($"/api/v1/invoices/{invoice}/retry_schedule");

        Assert.Equal(("list", invoice, JsonValueKind.Null), (schedule.GetProperty("object").GetString(), schedule.GetProperty("invoice").GetString(),
            schedule.GetProperty("not_retrying_reason").ValueKind));
        var attempts = schedule.GetProperty("data").EnumerateArray().ToList();
        Assert.True(attempts.Count >= 2, $"{attempts.Count} attempts");
        Assert.Equal((2, held.GetProperty("next_payment_attempt").GetInt64(), held.GetProperty("retry_reason").GetString()),
            (attempts[0].GetProperty("attempt").GetInt32(), attempts[0].GetProperty("scheduled_at").GetInt64(), attempts[0].GetProperty("reason").GetString()));
        Assert.All(attempts, a => Assert.Equal("UTC", a.GetProperty("time_zone").GetString()));
        Assert.All(attempts, a => Assert.Contains("soft decline", a.GetProperty("reason").GetString()));
        Assert.Equal(attempts.Select(a => a.GetProperty("scheduled_at").GetInt64()).Order(), attempts.Select(a => a.GetProperty("scheduled_at").GetInt64()));
    }

    [Theory]
    [InlineData("pm_card_visa", "The invoice is paid")]
    [InlineData("pm_card_chargeDeclinedExpiredCard", "new card")]
    public async Task An_invoice_that_is_not_retrying_answers_an_empty_list_and_why(string card, string why)
    {
        var (organization, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var (_, invoice) = await factory.RenewedAsync(organization, api, card);

        var schedule = await api.GetFromJsonElementAsync($"/api/v1/invoices/{invoice}/retry_schedule");

        Assert.Empty(schedule.GetProperty("data").EnumerateArray());
        Assert.Contains(why, schedule.GetProperty("not_retrying_reason").GetString());
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("retry_schedule")]
    public async Task Another_organizations_and_unknown_invoices_are_404_problems(string what)
    {
        var (organization, api) = await factory.NewOrganizationClientAsync();
        var (_, other) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        using var _other = other;
        var (_, invoice) = await factory.RenewedAsync(organization, api, "pm_card_chargeCustomerFail");

        foreach (var id in new[] { invoice, "in_00000000000000000000000000000000", "cus_123" })
        {
            using var response = await other.GetAsync($"/api/v1/invoices/{id}/{what}");
            await response.ProblemAsync(HttpStatusCode.NotFound, ErrorCodes.ResourceMissing, "id");
        }
        using var own = await api.GetAsync($"/api/v1/invoices/{invoice}/{what}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }
}

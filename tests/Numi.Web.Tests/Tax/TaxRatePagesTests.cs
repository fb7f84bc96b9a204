using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Pages;

namespace Numi.Web.Tests.Tax;

/// <summary>Settings → Tax rates: the empty state, adding with validation, editing, archiving after a confirmation,
/// and another organization's rate staying out of reach.</summary>
[Collection(AppCollection.Name)]
public sealed class TaxRatePagesTests(NumiFactory factory)
{
    private static Dictionary<string, string> Rate(string name, string country, string state, string percentage, bool inclusive) => new()
    {
        ["Input.DisplayName"] = name, ["Input.Country"] = country, ["Input.State"] = state,
        ["Input.Percentage"] = percentage, ["Input.Inclusive"] = inclusive ? "true" : "false",
    };

    [Fact]
    public async Task A_rate_is_added_edited_and_archived_from_the_settings_pages()
    {
        using var browser = factory.CreateBrowser();
        var (_, organizationId) = await browser.SignUpWithIdAsync(factory);

        var empty = await browser.GetPageAsync("/settings/tax-rates");
        Assert.Contains("No tax rates yet", empty.QuerySelector(".numi-empty")?.TextContent);

        // Bad input: every message beside its field, nothing saved.
        var (invalid, _) = await CheckoutSteps.PageAsync(await browser.SubmitAsync("/settings/tax-rates/new", Rate("", "XX", "CALIF", "8.87501", false), "tax-rate"));
        foreach (var field in new[] { "display_name", "country", "state", "percentage" })
            Assert.False(string.IsNullOrWhiteSpace(invalid.GetElementById(field + "-error")?.TextContent), $"no message for {field}");
        Assert.Equal(0, await factory.WithDbAsync(db => db.TaxRates.IgnoreQueryFilters().CountAsync(r => r.OrganizationId == organizationId)));

        using var saved = await browser.SubmitAsync("/settings/tax-rates/new", Rate("Sales tax", "US", "ca", "8.875%", false), "tax-rate");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await browser.FollowAsync(saved);
        Assert.Contains("Sales tax 8.875% saved.", list.QuerySelector("[role=status]")?.TextContent);
        var row = list.QuerySelector("[data-testid=tax-rates] tbody tr")!.TextContent;
        Assert.Contains("United States · CA", row);
        Assert.Contains("8.875%", row);
        Assert.Contains("Added to prices", row);

        var rate = await factory.WithDbAsync(db => db.TaxRates.IgnoreQueryFilters().SingleAsync(r => r.OrganizationId == organizationId));
        var edit = await browser.GetFormAsync($"/settings/tax-rates/{rate.PublicId}/edit", "tax-rate");
        Assert.Equal(("Sales tax", "US", "CA", "8.875"), (edit.Fields["Input.DisplayName"], edit.Fields["Input.Country"], edit.Fields["Input.State"], edit.Fields["Input.Percentage"]));
        edit.Fields["Input.Percentage"] = "9.5";
        using (var edited = await browser.PostAsync(edit)) Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(95_000, (await factory.WithDbAsync(db => db.TaxRates.IgnoreQueryFilters().SingleAsync(r => r.Id == rate.Id))).RatePpm);

        // Archiving asks first: the GET only shows the question.
        var question = await browser.GetPageAsync($"/settings/tax-rates/{rate.PublicId}/archive");
        Assert.Contains("Archive \"Sales tax 9.5%\"?", question.QuerySelector("h1")?.TextContent);
        Assert.True((await factory.WithDbAsync(db => db.TaxRates.IgnoreQueryFilters().SingleAsync(r => r.Id == rate.Id))).Active);
        using (var archived = await browser.SubmitAsync($"/settings/tax-rates/{rate.PublicId}/archive", new Dictionary<string, string>(), "archive-tax-rate"))
            Assert.Equal(HttpStatusCode.Redirect, archived.StatusCode);
        Assert.False((await factory.WithDbAsync(db => db.TaxRates.IgnoreQueryFilters().SingleAsync(r => r.Id == rate.Id))).Active);
        Assert.Contains("archived", (await browser.GetPageAsync("/settings/tax-rates")).QuerySelector("[data-testid=tax-rates]")?.TextContent);
    }

    [Fact]
    public async Task Another_organizations_rate_pages_are_not_found()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var id = (await Api.ApiSteps.PostOkAsync(api, "/api/v1/tax_rates", """{"display_name":"VAT","country":"GB","percentage":20}""")).GetProperty("id").GetString();
        using var browser = factory.CreateBrowser();
        await browser.SignUpAsync();

        using var edit = await browser.Client.GetAsync($"/settings/tax-rates/{id}/edit");
        using var archive = await browser.Client.GetAsync($"/settings/tax-rates/{id}/archive");
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, archive.StatusCode);
        Assert.Contains("No tax rates yet", (await browser.GetPageAsync("/settings/tax-rates")).QuerySelector(".numi-empty")?.TextContent);
    }
}

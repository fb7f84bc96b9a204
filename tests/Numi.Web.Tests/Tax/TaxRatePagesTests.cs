using System.Net;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Pages;

namespace Numi.Web.Tests.Tax;

/// <summary>Settings → Tax rates over HTTP: the interactive pages prerender (the message a save hands the list, a 404
/// for another organization's rate), and the old archive question's address lands on the list, where archiving is a
/// dialog now. What the pages do is tested in Interactive/TaxRateFormTests and TaxRatesListTests.</summary>
[Collection(AppCollection.Name)]
public sealed class TaxRatePagesTests(NumiFactory factory)
{
    [Fact]
    public async Task The_list_prerenders_its_empty_state_and_the_message_a_save_hands_it()
    {
        using var browser = factory.CreateBrowser();
        await browser.SignUpAsync();

        var list = await browser.GetPageAsync("/settings/tax-rates?message=Sales%20tax%208.875%25%20saved.");

        Assert.Contains("Sales tax 8.875% saved.", list.QuerySelector("[data-testid=message]")?.TextContent);
        Assert.Contains("No tax rates yet", list.QuerySelector("main")?.TextContent);
    }

    [Fact]
    public async Task Another_organizations_rate_is_not_found_and_the_old_archive_address_goes_to_the_list()
    {
        var (_, api) = await factory.NewOrganizationClientAsync();
        using var _api = api;
        var id = (await Api.ApiSteps.PostOkAsync(api, "/api/v1/tax_rates", """{"display_name":"VAT","country":"GB","percentage":20}""")).GetProperty("id").GetString();
        using var browser = factory.CreateBrowser();
        await browser.SignUpAsync();

        using var edit = await browser.Client.GetAsync($"/settings/tax-rates/{id}/edit");
        using var archive = await browser.Client.GetAsync($"/settings/tax-rates/{id}/archive");

        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, archive.StatusCode);
        Assert.Equal("/settings/tax-rates", archive.Headers.Location!.PathAndQueryOrOriginal());
        Assert.Contains("No tax rates yet", (await browser.GetPageAsync("/settings/tax-rates")).QuerySelector("main")?.TextContent);
    }
}

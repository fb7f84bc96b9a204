using Bunit;
using MudBlazor;
using Numi.Web.Features.Settings;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The tax rate list against the real database: the empty state, the rates of the person's organization
/// only, and archiving or restoring after a confirmation (cancel changes nothing).</summary>
[Collection(AppCollection.Name)]
public sealed class TaxRatesListTests(NumiFactory factory) : InteractiveTestContext
{
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;
    private IRenderedComponent<MudSnackbarProvider> _snackbars = null!;

    private async Task<IRenderedComponent<TaxRatesList>> OpenAsync(CircuitPerson person)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        _dialogs = RenderInteractive<MudDialogProvider>();
        _snackbars = Render<MudSnackbarProvider>();
        var list = Render<TaxRatesList>();
        list.WaitForAssertion(() => Assert.NotEmpty(list.FindAll("[data-testid=tax-rates], [role=status]")));
        return list;
    }

    private void Answer(string button) => _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == button).Click();

    private static string Row(IRenderedComponent<TaxRatesList> list, string publicId) => list.Find($"tr[data-rate='{publicId}']").TextContent;

    [Fact]
    public async Task Without_rates_the_list_says_so()
    {
        var person = await factory.SignUpPersonAsync();
        var list = await OpenAsync(person);
        Assert.Contains("No tax rates yet", list.Find("[role=status]").TextContent);
        Assert.Equal("settings/tax-rates/new", list.Find("[data-testid=new-tax-rate]").GetAttribute("href"));
    }

    [Fact]
    public async Task The_list_shows_the_organizations_rates_only()
    {
        var other = await factory.SignUpPersonAsync();
        await factory.SeedTaxRateAsync(other.OrganizationId, "Their VAT", "GB", null, 20m, true);
        var person = await factory.SignUpPersonAsync();
        var rate = await factory.SeedTaxRateAsync(person.OrganizationId, "Sales tax", "US", "CA", 8.875m, false);

        var list = await OpenAsync(person);

        var row = Row(list, rate.PublicId);
        Assert.Contains("United States · CA", row);
        Assert.Contains("8.875%", row);
        Assert.Contains("Added to prices", row);
        Assert.Contains("active", row);
        Assert.Single(list.FindAll("tr[data-rate]"));
        Assert.DoesNotContain("Their VAT", list.Markup);
        Assert.Equal($"settings/tax-rates/{rate.PublicId}/edit", list.Find($"tr[data-rate='{rate.PublicId}'] a").GetAttribute("href"));
    }

    [Fact]
    public async Task Cancelling_the_archive_question_keeps_the_rate_active()
    {
        var person = await factory.SignUpPersonAsync();
        var rate = await factory.SeedTaxRateAsync(person.OrganizationId, "Sales tax", "US", "CA", 9.5m, false);
        var list = await OpenAsync(person);

        list.Find("[data-testid=toggle-tax-rate]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Archive \"Sales tax 9.5%\"?", _dialogs.Markup));
        Answer("Cancel");

        _dialogs.WaitForAssertion(() => Assert.DoesNotContain("Archive \"Sales tax 9.5%\"?", _dialogs.Markup));
        Assert.True(Assert.Single(await factory.TaxRatesAsync(person.OrganizationId)).Active);
        Assert.Contains("active", Row(list, rate.PublicId));
    }

    [Fact]
    public async Task Confirming_archives_the_rate_and_restoring_brings_it_back()
    {
        var person = await factory.SignUpPersonAsync();
        var rate = await factory.SeedTaxRateAsync(person.OrganizationId, "Sales tax", "US", "CA", 9.5m, false);
        var list = await OpenAsync(person);

        list.Find("[data-testid=toggle-tax-rate]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("stop charging it at once", _dialogs.Markup));
        Answer("Archive rate");

        list.WaitForAssertion(() => Assert.Contains("archived", Row(list, rate.PublicId)));
        Assert.False(Assert.Single(await factory.TaxRatesAsync(person.OrganizationId)).Active);
        _snackbars.WaitForAssertion(() => Assert.Contains("Sales tax 9.5% archived.", _snackbars.Markup));

        list.Find("[data-testid=toggle-tax-rate]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("charge it again", _dialogs.Markup));
        Answer("Restore rate");

        list.WaitForAssertion(() => Assert.Contains("active", Row(list, rate.PublicId)));
        Assert.True(Assert.Single(await factory.TaxRatesAsync(person.OrganizationId)).Active);
    }
}

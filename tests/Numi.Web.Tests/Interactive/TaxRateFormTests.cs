using Bunit;
using MudBlazor;
using Numi.Web.Features.Settings;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The tax rate form against the real database: a new rate saved, each refusal under its field with nothing
/// saved, an edit, and another organization's rate not found.</summary>
[Collection(AppCollection.Name)]
public sealed class TaxRateFormTests(NumiFactory factory) : InteractiveTestContext
{
    private async Task<IRenderedComponent<TaxRateForm>> OpenAsync(CircuitPerson person, string? id = null)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        var form = RenderInteractive<TaxRateForm>(p => p.Add(x => x.Id, id));
        form.WaitForAssertion(() => Assert.NotEmpty(form.FindAll("[data-testid=tax-rate-form], [role=status]")));
        return form;
    }

    private static Task ChooseCountryAsync(IRenderedComponent<TaxRateForm> form, string country)
    {
        // The select's list opens in a popover; choosing an item raises the same ValueChanged the binding listens to.
        var select = form.FindComponent<MudSelect<string>>();
        return form.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(country));
    }

    private static async Task SaveAsync(IRenderedComponent<TaxRateForm> form)
    {
        await form.Find("[data-testid=tax-rate-form]").SubmitAsync();
        form.WaitForAssertion(() => Assert.False(form.Find("[data-testid=save-tax-rate]").HasAttribute("disabled")));
    }

    [Fact]
    public async Task A_new_rate_is_saved_and_the_list_opens_saying_so()
    {
        var person = await factory.SignUpPersonAsync();
        var form = await OpenAsync(person);

        form.Find("#tax-name").Change("Sales tax");
        await ChooseCountryAsync(form, "US");
        form.Find("#tax-state").Change("ca");
        form.Find("#tax-percentage").Change("8.875%");
        form.Choose("[data-testid=tax-inclusive]", "Exclude");
        await SaveAsync(form);

        var rate = Assert.Single(await factory.TaxRatesAsync(person.OrganizationId));
        Assert.Equal(("Sales tax", "US", "CA", 88_750, false, true), (rate.DisplayName, rate.Country, rate.Region, rate.RatePpm, rate.Inclusive, rate.Active));
        Assert.Equal("http://localhost/settings/tax-rates?message=Sales%20tax%208.875%25%20saved.", Navigation.Uri);
    }

    [Fact]
    public async Task Bad_input_shows_each_message_under_its_field_and_saves_nothing()
    {
        var person = await factory.SignUpPersonAsync();
        var form = await OpenAsync(person);

        form.Find("#tax-state").Change("CALIF");
        form.Find("#tax-percentage").Change("8.87501");
        await SaveAsync(form);

        Assert.Equal("Give the tax a name shoppers understand, e.g. VAT or Sales tax.", form.MessageUnder("#tax-name"));
        Assert.Equal("Choose the country this rate applies in.", form.MessageUnder("#tax-country"));
        Assert.Equal("A region is a code of one to three letters or digits, e.g. CA for California or QC for Quebec.", form.MessageUnder("#tax-state"));
        Assert.Equal("A percentage has at most four decimals, e.g. 8.875.", form.MessageUnder("#tax-percentage"));
        Assert.Empty(await factory.TaxRatesAsync(person.OrganizationId));
        Assert.Equal("http://localhost/", Navigation.Uri);
    }

    [Fact]
    public async Task A_percentage_that_is_not_a_number_is_refused_under_it()
    {
        var person = await factory.SignUpPersonAsync();
        var form = await OpenAsync(person);

        form.Find("#tax-name").Change("VAT");
        await ChooseCountryAsync(form, "GB");
        form.Find("#tax-percentage").Change("twenty");
        await SaveAsync(form);

        Assert.Equal("Enter the percentage as a number, e.g. 20 or 8.875.", form.MessageUnder("#tax-percentage"));
        Assert.Null(form.MessageUnder("#tax-name"));
        Assert.Empty(await factory.TaxRatesAsync(person.OrganizationId));
    }

    [Fact]
    public async Task Editing_shows_the_rate_and_saves_the_change()
    {
        var person = await factory.SignUpPersonAsync();
        var rate = await factory.SeedTaxRateAsync(person.OrganizationId, "Sales tax", "US", "CA", 8.875m, false);
        var form = await OpenAsync(person, rate.PublicId);

        Assert.Equal("Sales tax", form.Find("#tax-name").GetAttribute("value"));
        Assert.Equal("United States (US)", form.FindComponent<MudSelect<string>>().Find("input").GetAttribute("value"));
        Assert.Equal("CA", form.Find("#tax-state").GetAttribute("value"));
        Assert.Equal("8.875", form.Find("#tax-percentage").GetAttribute("value"));

        form.Find("#tax-percentage").Change("9.5");
        await SaveAsync(form);

        var saved = Assert.Single(await factory.TaxRatesAsync(person.OrganizationId));
        Assert.Equal(95_000, saved.RatePpm);
        Assert.Equal("http://localhost/settings/tax-rates?message=Sales%20tax%209.5%25%20saved.", Navigation.Uri);
    }

    [Fact]
    public async Task Another_organizations_rate_is_not_found_and_stays_as_it_was()
    {
        var other = await factory.SignUpPersonAsync();
        var theirs = await factory.SeedTaxRateAsync(other.OrganizationId, "VAT", "GB", null, 20m, true);
        var person = await factory.SignUpPersonAsync();

        var form = await OpenAsync(person, theirs.PublicId);

        Assert.Contains("Tax rate not found", form.Markup);
        Assert.Empty(form.FindAll("[data-testid=tax-rate-form]"));
        Assert.Equal(200_000, Assert.Single(await factory.TaxRatesAsync(other.OrganizationId)).RatePpm);
    }
}

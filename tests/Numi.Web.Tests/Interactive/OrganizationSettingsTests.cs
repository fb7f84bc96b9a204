using Bunit;
using MudBlazor;
using Numi.Core.Organizations;
using Numi.Web.Features.Settings;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The organization settings against the real database: a save, a refusal under its field with nothing
/// saved, the read-only view of a member, a role lost while the page is open, and only the person's organization.</summary>
[Collection(AppCollection.Name)]
public sealed class OrganizationSettingsTests(NumiFactory factory) : InteractiveTestContext
{
    private IRenderedComponent<MudSnackbarProvider> _snackbars = null!;

    private async Task<IRenderedComponent<OrganizationSettings>> OpenAsync(CircuitPerson person)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        _snackbars = RenderInteractive<MudSnackbarProvider>();
        var view = Render<OrganizationSettings>();
        view.WaitForElement("[data-testid=organization-settings]");
        return view;
    }

    private static async Task SaveAsync(IRenderedComponent<OrganizationSettings> view)
    {
        await view.Find("[data-testid=organization-form]").SubmitAsync();
        view.WaitForAssertion(() => Assert.False(view.Find("[data-testid=save-organization]").HasAttribute("disabled")));
    }

    [Fact]
    public async Task The_owner_renames_the_organization_and_is_told_it_is_saved()
    {
        var person = await factory.SignUpPersonAsync();
        var before = await factory.OrganizationAsync(person.OrganizationId);
        var view = await OpenAsync(person);
        Assert.Equal(before.Name, view.Find("#org-name").GetAttribute("value"));
        Assert.Contains(before.Slug, view.Find("[data-testid=organization-settings]").TextContent);

        view.Find("#org-name").Change("Renamed Roasters");
        await SaveAsync(view);

        var after = await factory.OrganizationAsync(person.OrganizationId);
        Assert.Equal("Renamed Roasters", after.Name);
        Assert.Equal(before.DefaultCurrency, after.DefaultCurrency);
        Assert.Equal(before.TimeZone, after.TimeZone);
        _snackbars.WaitForAssertion(() => Assert.Contains("Saved.", _snackbars.Markup));
        Assert.Null(view.MessageUnder("#org-name"));
    }

    [Fact]
    public async Task An_empty_name_is_refused_under_the_name_and_nothing_is_saved()
    {
        var person = await factory.SignUpPersonAsync();
        var before = await factory.OrganizationAsync(person.OrganizationId);
        var view = await OpenAsync(person);

        view.Find("#org-name").Change("   ");
        await SaveAsync(view);

        Assert.Equal("The name must have between 1 and 100 characters.", view.MessageUnder("#org-name"));
        Assert.Equal(before.Name, (await factory.OrganizationAsync(person.OrganizationId)).Name);
        Assert.DoesNotContain("Saved.", _snackbars.Markup);
    }

    [Fact]
    public async Task A_member_reads_the_settings_without_a_form()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.SetRoleAsync(person, OrganizationRole.Member);
        var organization = await factory.OrganizationAsync(person.OrganizationId);

        var view = await OpenAsync(person);

        Assert.Empty(view.FindAll("[data-testid=organization-form]"));
        var facts = view.Find("[data-testid=organization-settings]").TextContent;
        Assert.Contains(organization.Name, facts);
        Assert.Contains(organization.DefaultCurrency.ToUpperInvariant(), facts);
        Assert.Contains("Only owners and admins change these.", facts);
    }

    [Fact]
    public async Task An_admin_changes_the_settings()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.SetRoleAsync(person, OrganizationRole.Admin);
        var view = await OpenAsync(person);

        view.Find("#org-name").Change("Admin Named");
        await SaveAsync(view);

        Assert.Equal("Admin Named", (await factory.OrganizationAsync(person.OrganizationId)).Name);
    }

    [Fact]
    public async Task An_owner_demoted_while_the_page_is_open_is_refused_and_nothing_is_saved()
    {
        var person = await factory.SignUpPersonAsync();
        var before = await factory.OrganizationAsync(person.OrganizationId);
        var view = await OpenAsync(person);

        await factory.SetRoleAsync(person, OrganizationRole.Member);
        view.Find("#org-name").Change("Not allowed");
        await SaveAsync(view);

        Assert.Equal(OrganizationSettingsOperations.Refusal, view.Find("[data-testid=form-errors]").TextContent.Trim());
        Assert.Equal(before.Name, (await factory.OrganizationAsync(person.OrganizationId)).Name);
    }

    [Fact]
    public async Task The_page_shows_and_saves_only_the_persons_own_organization()
    {
        var other = await factory.SignUpPersonAsync();
        var otherBefore = await factory.OrganizationAsync(other.OrganizationId);
        var person = await factory.SignUpPersonAsync();
        var view = await OpenAsync(person);
        Assert.DoesNotContain(otherBefore.Name, view.Find("[data-testid=organization-settings]").TextContent);

        view.Find("#org-name").Change("Mine Only");
        await SaveAsync(view);

        Assert.Equal("Mine Only", (await factory.OrganizationAsync(person.OrganizationId)).Name);
        Assert.Equal(otherBefore.Name, (await factory.OrganizationAsync(other.OrganizationId)).Name);
    }
}

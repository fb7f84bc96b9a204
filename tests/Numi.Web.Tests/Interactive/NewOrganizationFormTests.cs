using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Core.Organizations;
using Numi.Web.Features.Account;
using Numi.Web.Tenancy;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>"New organization" against the real database: Core's messages under their fields with nothing created, the
/// slug checked as it is typed, and the organization created with the person as its owner and switched to, also for a
/// person in no organization yet.</summary>
[Collection(AppCollection.Name)]
public sealed class NewOrganizationFormTests(NumiFactory factory) : InteractiveTestContext
{
    private IRenderedComponent<NewOrganizationForm> Open(ClaimsPrincipal principal)
    {
        UseApp(factory, principal);
        Render<MudPopoverProvider>();
        return RenderInteractive<NewOrganizationForm>();
    }

    /// <summary>A person who left their only organization: the tenant middleware puts their requests in none, so the
    /// circuit's principal names no organization.</summary>
    private async Task<(CircuitPerson Person, ClaimsPrincipal Principal)> WithoutOrganizationAsync()
    {
        var person = await factory.SignUpPersonAsync();
        var principal = await factory.PrincipalAsync(person);
        await factory.LeaveAsync(person, person.OrganizationId);
        var claims = principal.Claims.Where(c => c.Type != NumiClaims.OrganizationId);
        return (person, new ClaimsPrincipal(new ClaimsIdentity(claims, principal.Identity!.AuthenticationType)));
    }

    /// <summary>Types a slug; the form checks it once typing pauses, and says so under the field.</summary>
    private static void TypeSlug(IRenderedComponent<NewOrganizationForm> form, string slug, string hint)
    {
        form.Find("#org-slug").Input(slug);
        form.WaitForAssertion(() => Assert.Equal(hint, form.Find("#org-slug").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim()));
    }

    private static async Task CreateAsync(IRenderedComponent<NewOrganizationForm> form, string name, string slug, string hint)
    {
        form.Find("#org-name").Change(name);
        TypeSlug(form, slug, hint);
        await form.Find("[data-testid=new-organization]").SubmitAsync();
        form.WaitForAssertion(() => Assert.False(form.Find("[data-testid=create-organization]").HasAttribute("disabled")));
    }

    private Task<List<Organization>> OrganizationsAsync(string slug) =>
        factory.WithDbAsync(db => db.Organizations.IgnoreQueryFilters().AsNoTracking().Where(o => o.Slug == slug).ToListAsync());

    private static string NewSlug() => "org-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Mistakes_get_their_message_under_the_field_and_nothing_is_created()
    {
        var person = await factory.SignUpPersonAsync();
        var form = Open(await factory.PrincipalAsync(person));

        await CreateAsync(form, "", "No Good!", "Lower-case letters, digits and hyphens.");

        Assert.Equal("Enter your organization's name.", form.MessageUnder("#org-name"));
        Assert.StartsWith("Use ", form.MessageUnder("#org-slug"));
        Assert.Empty(form.FindAll("[data-testid=form-errors]"));
        Assert.Empty(await OrganizationsAsync("no good!"));
        Assert.Empty(Navigation.History);
    }

    [Fact]
    public async Task A_taken_slug_is_told_as_it_is_typed_and_refused_under_the_field()
    {
        var person = await factory.SignUpPersonAsync();
        var taken = (await factory.OrganizationAsync(person.OrganizationId)).Slug;
        var form = Open(await factory.PrincipalAsync(person));

        await CreateAsync(form, "Second shop", taken, $"{taken} is taken.");

        Assert.Equal("This slug is taken. Choose another.", form.MessageUnder("#org-slug"));
        Assert.Single(await OrganizationsAsync(taken));
        Assert.Empty(Navigation.History);
    }

    [Fact]
    public async Task A_person_creates_another_organization_owns_it_and_works_in_it()
    {
        var person = await factory.SignUpPersonAsync();
        var form = Open(await factory.PrincipalAsync(person));
        var slug = NewSlug();

        await CreateAsync(form, "Second shop", " " + slug.ToUpperInvariant() + " ", $"{slug} is available.");

        var created = Assert.Single(await OrganizationsAsync(slug));
        Assert.Equal("Second shop", created.Name);
        await AssertOwnerWorkingInAsync(person, created.Id);
    }

    [Fact]
    public async Task A_person_in_no_organization_creates_their_first()
    {
        var (person, principal) = await WithoutOrganizationAsync();
        var form = Open(principal);
        var slug = NewSlug();

        await CreateAsync(form, "First shop", slug, $"{slug} is available.");

        var created = Assert.Single(await OrganizationsAsync(slug));
        await AssertOwnerWorkingInAsync(person, created.Id);
    }

    /// <summary>The person owns the organization, works in it now, and the app reloads on its dashboard.</summary>
    private async Task AssertOwnerWorkingInAsync(CircuitPerson person, Guid organizationId)
    {
        var role = await factory.WithDbAsync(db => db.Memberships.IgnoreQueryFilters()
            .Where(m => m.UserId == person.UserId && m.OrganizationId == organizationId).Select(m => (OrganizationRole?)m.Role).SingleOrDefaultAsync());
        Assert.Equal(OrganizationRole.Owner, role);
        Assert.Equal(organizationId, await factory.WithDbAsync(db => db.Users.Where(u => u.Id == person.UserId).Select(u => u.CurrentOrganizationId).SingleAsync()));
        var reload = Assert.Single(Navigation.History);
        Assert.Equal("http://localhost/", Navigation.ToAbsoluteUri(reload.Uri).ToString());
        Assert.True(reload.Options.ForceLoad);
    }
}

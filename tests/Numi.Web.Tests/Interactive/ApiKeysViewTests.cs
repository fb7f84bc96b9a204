using System.Net;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Core.ApiKeys;
using Numi.Core.Organizations;
using Numi.Web.Features.Settings;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The API keys page against the real database: a new key's secret shown once and working against the API,
/// a name refused under its field, revocation after a confirmation (cancel keeps the key), owners only (also when
/// demoted while the page is open), and only the organization's own keys.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiKeysViewTests(NumiFactory factory) : InteractiveTestContext
{
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;
    private IRenderedComponent<MudSnackbarProvider> _snackbars = null!;

    private async Task<IRenderedComponent<ApiKeysView>> OpenAsync(CircuitPerson person)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        _dialogs = RenderInteractive<MudDialogProvider>();
        _snackbars = Render<MudSnackbarProvider>();
        return Reopen();
    }

    /// <summary>The page as it renders when opened (again) in the same circuit.</summary>
    private IRenderedComponent<ApiKeysView> Reopen()
    {
        var view = Render<ApiKeysView>();
        view.WaitForAssertion(() => Assert.NotEmpty(view.FindAll("[data-testid=create-key], [data-testid=refused]")));
        return view;
    }

    private static async Task CreateAsync(IRenderedComponent<ApiKeysView> view, string name)
    {
        view.Find("#key-name").Change(name);
        await view.Find("[data-testid=create-key]").SubmitAsync();
        view.WaitForAssertion(() => Assert.False(view.Find("[data-testid=create-key-submit]").HasAttribute("disabled")));
    }

    private void Answer(string button) => _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == button).Click();

    private Task<List<ApiKey>> KeysAsync(Guid organizationId) =>
        factory.WithDbAsync(db => db.ApiKeys.IgnoreQueryFilters().AsNoTracking().Where(k => k.OrganizationId == organizationId).ToListAsync());

    [Fact]
    public async Task A_new_keys_secret_is_shown_once_works_against_the_api_and_stops_working_when_revoked()
    {
        var person = await factory.SignUpPersonAsync();
        var view = await OpenAsync(person);
        Assert.Contains("No API keys yet", view.Markup);

        await CreateAsync(view, "Order sync");

        var secret = view.Find("[data-testid=new-secret-value]").TextContent.Trim();
        Assert.StartsWith("sk_test_", secret);
        var key = Assert.Single(await KeysAsync(person.OrganizationId));
        Assert.Equal("Order sync", key.Name);
        Assert.DoesNotContain(secret, key.SecretHash);
        Assert.DoesNotContain(secret[8..], key.SecretHash);
        Assert.Contains(key.Hint, view.Find($"tr[data-key='{key.Id}']").TextContent);
        using var api = factory.CreateApiClient(secret);
        using (var organization = await api.GetAsync("/api/v1/organization")) Assert.Equal(HttpStatusCode.OK, organization.StatusCode);

        var later = Reopen();
        Assert.DoesNotContain(secret, later.Markup);
        Assert.Empty(later.FindAll("[data-testid=new-secret]"));
        Assert.Contains("Order sync", later.Markup);

        later.Find("[data-testid=revoke-key]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Revoke \"Order sync\"?", _dialogs.Markup));
        Answer("Revoke key");

        later.WaitForAssertion(() => Assert.Contains("Revoked", later.Find($"tr[data-key='{key.Id}']").TextContent));
        _snackbars.WaitForAssertion(() => Assert.Contains("Key \"Order sync\" revoked.", _snackbars.Markup));
        using var refused = await api.GetAsync("/api/v1/organization");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Cancelling_the_revoke_question_keeps_the_key_working()
    {
        var person = await factory.SignUpPersonAsync();
        var view = await OpenAsync(person);
        await CreateAsync(view, "Kept");

        view.Find("[data-testid=revoke-key]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains("Revoke \"Kept\"?", _dialogs.Markup));
        Answer("Cancel");

        _dialogs.WaitForAssertion(() => Assert.DoesNotContain("Revoke \"Kept\"?", _dialogs.Markup));
        Assert.True(Assert.Single(await KeysAsync(person.OrganizationId)).IsActive);
        Assert.Single(view.FindAll("[data-testid=revoke-key]"));
    }

    [Fact]
    public async Task The_copy_button_hands_the_secret_to_the_clipboard_script()
    {
        var person = await factory.SignUpPersonAsync();
        var view = await OpenAsync(person);
        await CreateAsync(view, "Copied");
        var secret = view.Find("[data-testid=new-secret-value]").TextContent.Trim();
        JSInterop.Setup<bool>("numiApp.copy", secret).SetResult(true);

        view.Find("[data-testid=copy-secret]").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains("Key copied.", _snackbars.Markup));
        Assert.Equal(secret, JSInterop.VerifyInvoke("numiApp.copy").Arguments.Single());
    }

    [Fact]
    public async Task A_key_without_a_name_is_refused_under_the_name_and_nothing_is_created()
    {
        var person = await factory.SignUpPersonAsync();
        var view = await OpenAsync(person);

        await CreateAsync(view, "");

        Assert.False(string.IsNullOrWhiteSpace(view.MessageUnder("#key-name")));
        Assert.Empty(view.FindAll("[data-testid=new-secret]"));
        Assert.Empty(await KeysAsync(person.OrganizationId));
    }

    [Fact]
    public async Task A_member_is_refused_and_sees_no_keys()
    {
        var person = await factory.SignUpPersonAsync();
        await factory.WithDbAsync(async db =>
        {
            db.ApiKeys.Add(ApiKey.Create(person.OrganizationId, "Hidden", ApiKeyMode.Test, person.UserId, DateTime.UtcNow).Key);
            await db.SaveChangesAsync();
        });
        await factory.SetRoleAsync(person, OrganizationRole.Member);

        var view = await OpenAsync(person);

        Assert.Equal(ApiKeyOperations.Refusal, view.Find("[data-testid=refused]").TextContent.Trim());
        Assert.DoesNotContain("Hidden", view.Markup);
        Assert.Empty(view.FindAll("[data-testid=create-key]"));
    }

    [Fact]
    public async Task An_owner_demoted_while_the_page_is_open_cannot_create_a_key()
    {
        var person = await factory.SignUpPersonAsync();
        var view = await OpenAsync(person);

        await factory.SetRoleAsync(person, OrganizationRole.Admin);
        await CreateAsync(view, "Too late");

        Assert.Equal(ApiKeyOperations.Refusal, view.Find("[data-testid=form-errors]").TextContent.Trim());
        Assert.Empty(view.FindAll("[data-testid=new-secret]"));
        Assert.Empty(await KeysAsync(person.OrganizationId));
    }

    [Fact]
    public async Task Only_the_organizations_own_keys_are_listed()
    {
        var other = await factory.SignUpPersonAsync();
        await factory.WithDbAsync(async db =>
        {
            db.ApiKeys.Add(ApiKey.Create(other.OrganizationId, "Their key", ApiKeyMode.Test, other.UserId, DateTime.UtcNow).Key);
            await db.SaveChangesAsync();
        });
        var person = await factory.SignUpPersonAsync();

        var view = await OpenAsync(person);

        Assert.Contains("No API keys yet", view.Markup);
        Assert.DoesNotContain("Their key", view.Markup);
    }
}

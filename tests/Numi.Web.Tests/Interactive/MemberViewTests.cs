using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Numi.Core.Organizations;
using Numi.Web.Features.Settings;
using Numi.Web.Interactive;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>Managing one member against the real database: a role change, Core's rule that an organization keeps an
/// owner (under the role, nothing saved), removal after a confirmation (cancel keeps the member), and a removal ending
/// the removed person's open pages at once.</summary>
[Collection(AppCollection.Name)]
public sealed class MemberViewTests(NumiFactory factory) : InteractiveTestContext
{
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;
    private IRenderedComponent<MudSnackbarProvider> _snackbars = null!;

    private async Task<IRenderedComponent<MemberView>> OpenAsync(CircuitPerson owner, Guid membershipId)
    {
        UseApp(factory, await factory.PrincipalAsync(owner));
        Render<MudPopoverProvider>();
        _dialogs = RenderInteractive<MudDialogProvider>();
        _snackbars = Render<MudSnackbarProvider>();
        var view = Render<MemberView>(p => p.Add(x => x.Id, membershipId));
        view.WaitForAssertion(() => Assert.NotEmpty(view.FindAll("[data-testid=role-form], [role=status]")));
        return view;
    }

    private static async Task SaveRoleAsync(IRenderedComponent<MemberView> view, OrganizationRole role)
    {
        // The select's list opens in a popover; choosing an item raises the same ValueChanged the select reports.
        var select = view.FindComponent<MudSelect<OrganizationRole>>();
        await view.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(role));
        await view.Find("[data-testid=role-form]").SubmitAsync();
        view.WaitForAssertion(() => Assert.False(view.Find("[data-testid=save-role]").HasAttribute("disabled")));
    }

    /// <summary>Clicks "Remove member" and answers the question about <paramref name="name"/> with <paramref name="button"/>.</summary>
    private void Remove(IRenderedComponent<MemberView> view, string name, string button)
    {
        view.Find("[data-testid=remove-member]").Click();
        _dialogs.WaitForAssertion(() => Assert.Contains($"Remove {name}?", _dialogs.Markup));
        _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == button).Click();
    }

    private Task<(Guid Id, string Name)> MembershipAsync(CircuitPerson person, Guid organizationId) =>
        factory.WithDbAsync(db => db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == person.UserId && m.OrganizationId == organizationId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.Id, u.DisplayName }).Select(x => ValueTuple.Create(x.Id, x.DisplayName)).SingleAsync());

    private Task<OrganizationRole?> RoleAsync(Guid membershipId) => factory.WithDbAsync(db => db.Memberships.IgnoreQueryFilters()
        .Where(m => m.Id == membershipId).Select(m => (OrganizationRole?)m.Role).SingleOrDefaultAsync());

    private async Task<(CircuitPerson Member, Guid MembershipId, string Name)> ColleagueAsync(CircuitPerson owner)
    {
        var colleague = await factory.SignUpPersonAsync();
        await factory.JoinAsync(colleague, owner.OrganizationId);
        var (id, name) = await MembershipAsync(colleague, owner.OrganizationId);
        return (colleague, id, name);
    }

    [Fact]
    public async Task An_owner_promotes_a_member_and_the_list_opens_saying_so()
    {
        var owner = await factory.SignUpPersonAsync();
        var (colleague, membership, name) = await ColleagueAsync(owner);
        var view = await OpenAsync(owner, membership);
        Assert.Equal(name, view.Find("[data-testid=member-name]").TextContent.Trim());
        Assert.Contains(colleague.Email, view.Markup);

        await SaveRoleAsync(view, OrganizationRole.Admin);

        Assert.Equal(OrganizationRole.Admin, await RoleAsync(membership));
        Assert.Equal($"settings/members?message={Uri.EscapeDataString($"{name} is now Admin.")}", Navigation.ToBaseRelativePath(Navigation.Uri));
    }

    [Fact]
    public async Task The_last_owner_cannot_step_down_the_message_shows_under_the_role_and_the_role_is_kept()
    {
        var owner = await factory.SignUpPersonAsync();
        var (membership, _) = await MembershipAsync(owner, owner.OrganizationId);
        var view = await OpenAsync(owner, membership);

        await SaveRoleAsync(view, OrganizationRole.Member);

        Assert.Equal("An organization needs at least one owner. Make someone else an owner first.", view.MessageUnder("#member-role"));
        Assert.Equal(OrganizationRole.Owner, await RoleAsync(membership));
        Assert.DoesNotContain("settings/members", Navigation.Uri);
    }

    [Fact]
    public async Task Cancelling_the_removal_keeps_the_member()
    {
        var owner = await factory.SignUpPersonAsync();
        var (_, membership, name) = await ColleagueAsync(owner);
        var view = await OpenAsync(owner, membership);

        Remove(view, name, "Cancel");

        _dialogs.WaitForAssertion(() => Assert.DoesNotContain($"Remove {name}?", _dialogs.Markup));
        Assert.Equal(OrganizationRole.Member, await RoleAsync(membership));
        Assert.DoesNotContain("settings/members", Navigation.Uri);
    }

    [Fact]
    public async Task Removing_after_confirming_deletes_the_membership_and_ends_the_removed_persons_open_pages_at_once()
    {
        var owner = await factory.SignUpPersonAsync();
        var (colleague, membership, name) = await ColleagueAsync(owner);
        // The colleague works in the owner's organization, with a page of it open: their circuit's sign-in.
        Assert.True(await factory.SwitchOrganizationAsync(colleague, owner.OrganizationId));
        await using var colleagueScope = factory.Services.CreateAsyncScope();
        var colleagueCircuit = Assert.IsType<CircuitAuthentication>(colleagueScope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        colleagueCircuit.AuthenticationStateChanged += async state =>
        {
            if ((await state).User.Identity?.IsAuthenticated != true) ended.TrySetResult();
        };
        colleagueCircuit.SetAuthenticationState(Task.FromResult(new AuthenticationState(await factory.PrincipalAsync(colleague))));
        var view = await OpenAsync(owner, membership);

        Remove(view, name, "Remove member");

        view.WaitForAssertion(() => Assert.Equal($"settings/members?message={Uri.EscapeDataString($"{name} was removed.")}", Navigation.ToBaseRelativePath(Navigation.Uri)));
        Assert.Null(await RoleAsync(membership));
        // Told by the removal's signal, well before the circuit's periodic check would have found out.
        await ended.Task.WaitAsync(CircuitAuthentication.Interval / 2);
        Assert.Equal("", colleagueCircuit.ReloadTo);
    }

    [Fact]
    public async Task The_last_owner_cannot_be_removed_and_is_told_so()
    {
        var owner = await factory.SignUpPersonAsync();
        var (membership, name) = await MembershipAsync(owner, owner.OrganizationId);
        var view = await OpenAsync(owner, membership);

        Remove(view, name, "Remove member");

        _snackbars.WaitForAssertion(() => Assert.Contains("The last owner cannot be removed.", _snackbars.Markup));
        Assert.Equal(OrganizationRole.Owner, await RoleAsync(membership));
    }

    [Fact]
    public async Task Another_organizations_member_is_not_found()
    {
        var owner = await factory.SignUpPersonAsync();
        var stranger = await factory.SignUpPersonAsync();
        var (membership, _) = await MembershipAsync(stranger, stranger.OrganizationId);

        var view = await OpenAsync(owner, membership);

        Assert.Contains("Member not found", view.Markup);
        Assert.DoesNotContain(stranger.Email, view.Markup);
    }
}

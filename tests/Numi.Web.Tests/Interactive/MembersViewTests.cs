using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Core.Organizations;
using Numi.Web.Features.Settings;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The members page against the real database: the members in a grid sorted on the server, owners invite
/// (Core's messages under the field, nothing sent on a mistake), members see the list without the form, and an owner
/// demoted while the page is open can no longer invite.</summary>
[Collection(AppCollection.Name)]
public sealed class MembersViewTests(NumiFactory factory) : InteractiveTestContext
{
    private IRenderedComponent<MudSnackbarProvider> _snackbars = null!;

    private async Task<IRenderedComponent<MembersView>> OpenAsync(CircuitPerson person)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        Render<MudPopoverProvider>();
        _snackbars = Render<MudSnackbarProvider>();
        var view = RenderInteractive<MembersView>();
        view.WaitForAssertion(() => Assert.NotEmpty(view.FindAll("[data-testid=members] tbody tr")));
        return view;
    }

    private static async Task InviteAsync(IRenderedComponent<MembersView> view, string email, OrganizationRole role = OrganizationRole.Member)
    {
        view.Find("#invite-email").Change(email);
        // The select's list opens in a popover; choosing an item raises the same ValueChanged the binding listens to.
        var select = view.FindComponent<MudSelect<OrganizationRole>>();
        await view.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(role));
        await view.Find("[data-testid=invite-form]").SubmitAsync();
        view.WaitForAssertion(() => Assert.False(view.Find("[data-testid=invite-submit]").HasAttribute("disabled")));
    }

    private static List<string> Names(IRenderedComponent<MembersView> view) =>
        view.FindAll("[data-testid=members] tbody tr").Select(r => r.QuerySelector("p")!.TextContent.Trim()).ToList();

    private Task<List<Invitation>> InvitationsAsync(Guid organizationId) =>
        factory.WithDbAsync(db => db.Invitations.IgnoreQueryFilters().AsNoTracking().Where(i => i.OrganizationId == organizationId).ToListAsync());

    private Task<int> MailsToAsync(string email) => factory.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.To == email));

    [Fact]
    public async Task An_owner_sees_the_members_sorted_on_the_server_and_invites_someone()
    {
        var owner = await factory.SignUpPersonAsync();
        var colleague = await factory.SignUpPersonAsync();
        await factory.JoinAsync(colleague, owner.OrganizationId);
        var stranger = await factory.SignUpPersonAsync();
        var view = await OpenAsync(owner);

        view.WaitForAssertion(() => Assert.Equal(2, Names(view).Count));
        var markup = view.Find("[data-testid=members]").TextContent;
        Assert.Contains(owner.Email, markup);
        Assert.Contains(colleague.Email, markup);
        Assert.DoesNotContain(stranger.Email, markup);
        Assert.Equal(2, view.FindAll("[data-testid=manage-member]").Count);
        var sortByName = () => view.FindAll("th").First(th => th.TextContent.Contains("Member")).QuerySelector("button[aria-label=Sort]")!.Click();
        sortByName();
        view.WaitForAssertion(() => Assert.Equal(Names(view).Order(StringComparer.Ordinal).ToList(), Names(view)));
        sortByName();
        view.WaitForAssertion(() => Assert.Equal(Names(view).OrderDescending(StringComparer.Ordinal).ToList(), Names(view)));
        Assert.Contains("No pending invitations", view.Markup);

        var email = $"invitee-{Guid.NewGuid():N}@example.test";
        await InviteAsync(view, email, OrganizationRole.Admin);

        _snackbars.WaitForAssertion(() => Assert.Contains($"Invitation sent to {email}.", _snackbars.Markup));
        var invitation = Assert.Single(await InvitationsAsync(owner.OrganizationId));
        Assert.Equal((email, OrganizationRole.Admin), (invitation.Email, invitation.Role));
        Assert.Contains("Admin", view.Find($"tr[data-invitation='{invitation.Id}']").TextContent);
        Assert.StartsWith("/invite/", await factory.LatestLinkMailedToAsync(email));
        Assert.Equal("", view.Find("#invite-email").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task An_invalid_email_is_refused_under_its_field_and_nothing_is_sent()
    {
        var owner = await factory.SignUpPersonAsync();
        var colleague = await factory.SignUpPersonAsync();
        await factory.JoinAsync(colleague, owner.OrganizationId);
        var view = await OpenAsync(owner);

        await InviteAsync(view, "not-an-email");

        Assert.Equal("Enter a valid email address.", view.MessageUnder("#invite-email"));
        Assert.Empty(view.FindAll("[data-testid=form-errors]"));

        await InviteAsync(view, colleague.Email);

        Assert.Equal($"{colleague.Email} is already a member.", view.MessageUnder("#invite-email"));
        Assert.Empty(await InvitationsAsync(owner.OrganizationId));
        Assert.Equal(0, await MailsToAsync("not-an-email"));
        Assert.Contains("No pending invitations", view.Markup);
    }

    [Fact]
    public async Task A_member_sees_the_members_without_the_invite_form_or_manage_links()
    {
        var owner = await factory.SignUpPersonAsync();
        await factory.SetRoleAsync(owner, OrganizationRole.Member);

        var view = await OpenAsync(owner);

        Assert.Contains(owner.Email, view.Find("[data-testid=members]").TextContent);
        Assert.Empty(view.FindAll("[data-testid=invite-form]"));
        Assert.Empty(view.FindAll("[data-testid=manage-member]"));
        Assert.StartsWith(MemberOperations.InviteRefusal, view.Find("[data-testid=invite-refused]").TextContent.Trim());
    }

    [Fact]
    public async Task An_owner_demoted_while_the_page_is_open_cannot_invite()
    {
        var owner = await factory.SignUpPersonAsync();
        var view = await OpenAsync(owner);
        await factory.SetRoleAsync(owner, OrganizationRole.Admin);
        var email = $"invitee-{Guid.NewGuid():N}@example.test";

        await InviteAsync(view, email);

        Assert.Equal(MemberOperations.InviteRefusal, view.Find("[data-testid=form-errors]").TextContent.Trim());
        Assert.Empty(await InvitationsAsync(owner.OrganizationId));
        Assert.Equal(0, await MailsToAsync(email));
    }
}

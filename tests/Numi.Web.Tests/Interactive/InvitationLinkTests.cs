using Bunit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Numi.Web.Features.Settings;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Security;

namespace Numi.Web.Tests.Interactive;

/// <summary>An invitation sent from the members page links to Numi's own address (here, with no <c>Numi:PublicUrl</c>,
/// the one it listens on), never to the host of the request that opened the page, which whoever sent it chose.</summary>
public sealed class InvitationLinkTests(NoPublicUrlFactory factory) : InteractiveTestContext, IClassFixture<NoPublicUrlFactory>
{
    [Fact]
    public async Task The_invitation_link_ignores_the_host_the_page_was_opened_on()
    {
        var owner = await factory.SignUpPersonAsync();
        UseApp(factory, await factory.PrincipalAsync(owner));
        var snackbars = Render<MudSnackbarProvider>();
        var view = RenderInteractive<MembersView>();
        view.WaitForAssertion(() => Assert.NotEmpty(view.FindAll("[data-testid=invite-form]")));
        var email = $"member-{Guid.NewGuid():N}@example.test";
        // The request the page was opened with, as far as anything on the server could still look it up.
        var http = factory.Services.GetRequiredService<IHttpContextAccessor>();
        http.HttpContext = new DefaultHttpContext { Request = { Scheme = "http", Host = new HostString("evil.example") } };
        try
        {
            view.Find("#invite-email").Change(email);
            await view.Find("[data-testid=invite-form]").SubmitAsync();
            snackbars.WaitForAssertion(() => Assert.Contains($"Invitation sent to {email}.", snackbars.Markup));
        }
        finally
        {
            http.HttpContext = null;
        }

        var mail = await factory.LatestMailTextAsync(email);
        Assert.DoesNotContain("evil.example", mail);
        Assert.Contains(factory.ListeningAddress + "/invite/", mail);
    }
}

using Bunit;
using Numi.Core.Email;
using Numi.Web.Features.Admin;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The platform admin's outbox grid against the real database: every organization's mail, newest first,
/// filtered by status.</summary>
[Collection(AppCollection.Name)]
public sealed class OutboxGridTests(NumiFactory factory) : InteractiveTestContext
{
    [Fact]
    public async Task The_grid_lists_queued_mail_of_every_organization_and_filters_by_status()
    {
        var owner = await factory.SignUpPersonAsync();
        var invitee = $"outbox-{Guid.NewGuid():N}@example.test";
        await factory.InviteAsync(owner.Email, invitee);
        var admin = await factory.SignUpPersonAsync();
        UseApp(factory, await factory.PrincipalAsync(admin));

        var grid = RenderInteractive<OutboxGrid>();

        grid.WaitForAssertion(() => Assert.Contains(invitee, grid.Find("[data-testid=outbox-table]").TextContent));
        var pending = grid.FindAll("[data-testid=outbox-table] tbody tr").Single(r => r.TextContent.Contains(invitee));
        Assert.Contains(nameof(OutboxStatus.Pending), pending.TextContent);

        await DisposeComponentsAsync();
        var sent = RenderInteractive<OutboxGrid>(p => p.Add(x => x.Initial, OutboxFilter.FromQuery("sent")));
        sent.WaitForAssertion(() => Assert.NotEmpty(sent.FindAll("[data-testid=outbox-table]")));
        sent.WaitForAssertion(() => Assert.DoesNotContain(invitee, sent.Find("[data-testid=outbox-table]").TextContent));
    }

    [Theory]
    [InlineData("failed", OutboxStatus.Failed)]
    [InlineData("Sent", OutboxStatus.Sent)]
    [InlineData("bogus", null)]
    [InlineData(null, null)]
    public void A_links_status_is_read_without_case_and_anything_else_is_every_status(string? query, OutboxStatus? expected) =>
        Assert.Equal(expected, OutboxFilter.FromQuery(query).Status);
}

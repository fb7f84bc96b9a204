using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Clocks;
using Numi.Core.Email;
using Numi.Web.Features.Admin;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The platform admin's outbox grid against the real database: every organization's mail and SMS, newest
/// first, each with its kind, filtered by status and by kind.</summary>
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
        var sent = RenderInteractive<OutboxGrid>(p => p.Add(x => x.Initial, OutboxFilter.FromQuery("sent", null)));
        sent.WaitForAssertion(() => Assert.NotEmpty(sent.FindAll("[data-testid=outbox-table]")));
        sent.WaitForAssertion(() => Assert.DoesNotContain(invitee, sent.Find("[data-testid=outbox-table]").TextContent));
    }

    [Fact]
    public async Task Each_message_shows_its_kind_and_the_grid_filters_by_kind()
    {
        var owner = await factory.SignUpPersonAsync();
        var invitee = $"outbox-{Guid.NewGuid():N}@example.test";
        await factory.InviteAsync(owner.Email, invitee);
        var phone = $"+1555{Random.Shared.Next(1_000_000, 9_999_999)}";
        await factory.WithDbAsync(db =>
        {
            // Queued on Numi's clock, as the invitation was, so both are among the newest.
            var now = factory.Services.GetRequiredService<ControllableClock>().GetUtcNow().UtcDateTime;
            db.OutboxMessages.Add(OutboxMessage.CreateSms(phone, "Your payment didn't go through.", null, now));
            return db.SaveChangesAsync();
        });
        var admin = await factory.SignUpPersonAsync();
        UseApp(factory, await factory.PrincipalAsync(admin));

        var all = RenderInteractive<OutboxGrid>();

        all.WaitForAssertion(() => Assert.Contains(phone, all.Find("[data-testid=outbox-table]").TextContent));
        var rows = all.FindAll("[data-testid=outbox-table] tbody tr");
        Assert.Equal("SMS", rows.Single(r => r.TextContent.Contains(phone)).QuerySelector("[data-testid=outbox-kind-cell]")!.TextContent);
        Assert.Equal("Email", rows.Single(r => r.TextContent.Contains(invitee)).QuerySelector("[data-testid=outbox-kind-cell]")!.TextContent);
        Assert.StartsWith("Kind", all.FindAll("[data-testid=outbox-table] th")[0].TextContent.Trim());

        await DisposeComponentsAsync();
        var sms = RenderInteractive<OutboxGrid>(p => p.Add(x => x.Initial, OutboxFilter.FromQuery(null, "sms")));
        sms.WaitForAssertion(() => Assert.Contains(phone, sms.Find("[data-testid=outbox-table]").TextContent));
        Assert.DoesNotContain(invitee, sms.Find("[data-testid=outbox-table]").TextContent);
        Assert.All(sms.FindAll("[data-testid=outbox-kind-cell]"), c => Assert.Equal("SMS", c.TextContent));

        await DisposeComponentsAsync();
        var email = RenderInteractive<OutboxGrid>(p => p.Add(x => x.Initial, OutboxFilter.FromQuery(null, "Email")));
        email.WaitForAssertion(() => Assert.NotEmpty(email.FindAll("[data-testid=outbox-kind-cell]")));
        Assert.DoesNotContain(phone, email.Find("[data-testid=outbox-table]").TextContent);
    }

    [Theory]
    [InlineData("failed", OutboxStatus.Failed)]
    [InlineData("Sent", OutboxStatus.Sent)]
    [InlineData("bogus", null)]
    [InlineData(null, null)]
    public void A_links_status_is_read_without_case_and_anything_else_is_every_status(string? query, OutboxStatus? expected) =>
        Assert.Equal(expected, OutboxFilter.FromQuery(query, null).Status);

    [Theory]
    [InlineData("sms", OutboxKind.Sms)]
    [InlineData("EMAIL", OutboxKind.Email)]
    [InlineData("7", null)]
    [InlineData("fax", null)]
    [InlineData(null, null)]
    public void A_links_kind_is_read_without_case_and_anything_else_is_every_kind(string? query, OutboxKind? expected) =>
        Assert.Equal(expected, OutboxFilter.FromQuery(null, query).Kind);
}

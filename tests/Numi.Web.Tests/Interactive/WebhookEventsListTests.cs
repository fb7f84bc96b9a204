using Bunit;
using Numi.Core.Organizations;
using Numi.Core.Webhooks;
using Numi.Web.Features.Settings;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The webhook events list against the real database: the empty state, the organization's own events
/// only, and owners only.</summary>
[Collection(AppCollection.Name)]
public sealed class WebhookEventsListTests(NumiFactory factory) : InteractiveTestContext
{
    private async Task<IRenderedComponent<WebhookEventsList>> OpenAsync(CircuitPerson person)
    {
        UseApp(factory, await factory.PrincipalAsync(person));
        var list = RenderInteractive<WebhookEventsList>();
        list.WaitForAssertion(() => Assert.NotEmpty(list.FindAll("[data-testid=webhook-events], [data-testid=refused], [role=status]")));
        return list;
    }

    private Task SeedAsync(Guid organizationId, string eventId, string type) =>
        factory.WithDbAsync(async db =>
        {
            db.WebhookEvents.Add(WebhookEvent.Receive(organizationId, "stripe", eventId, type, "{}", DateTime.UtcNow));
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task Without_events_the_list_says_so_with_the_webhook_address()
    {
        var person = await factory.SignUpPersonAsync();
        var slug = (await factory.OrganizationAsync(person.OrganizationId)).Slug;

        var list = await OpenAsync(person);

        Assert.Contains("No webhook events yet", list.Find("[role=status]").TextContent);
        Assert.Contains($"/webhooks/stripe/{slug}", list.Markup);
    }

    [Fact]
    public async Task The_list_shows_the_organizations_own_events_waiting()
    {
        var other = await factory.SignUpPersonAsync();
        await SeedAsync(other.OrganizationId, "evt_theirs_" + Guid.NewGuid().ToString("N"), "charge.refunded");
        var person = await factory.SignUpPersonAsync();
        var mine = "evt_mine_" + Guid.NewGuid().ToString("N");
        await SeedAsync(person.OrganizationId, mine, "payment_intent.succeeded");

        var list = await OpenAsync(person);

        var row = Assert.Single(list.FindAll("[data-testid=webhook-event]")).TextContent;
        Assert.Contains("payment_intent.succeeded", row);
        Assert.Contains(mine, row);
        Assert.Contains("Waiting", row);
        Assert.DoesNotContain("charge.refunded", list.Markup);
    }

    [Fact]
    public async Task An_admin_is_refused_and_sees_no_events()
    {
        var person = await factory.SignUpPersonAsync();
        await SeedAsync(person.OrganizationId, "evt_hidden_" + Guid.NewGuid().ToString("N"), "payment_intent.succeeded");
        await factory.SetRoleAsync(person, OrganizationRole.Admin);

        var list = await OpenAsync(person);

        Assert.Equal("Only owners see webhook events.", list.Find("[data-testid=refused]").TextContent.Trim());
        Assert.DoesNotContain("payment_intent.succeeded", list.Markup);
    }
}

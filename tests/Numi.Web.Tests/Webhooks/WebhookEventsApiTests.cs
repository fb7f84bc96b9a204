using System.Net;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Organizations;
using Numi.Core.Webhooks;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Webhooks;

/// <summary>/api/v1/webhook_events with an owner's sign-in cookie: what Settings › Webhook events shows (never the
/// payload), newest first and paged, for owners of this organization only.</summary>
[Collection(AppCollection.Name)]
public sealed class WebhookEventsApiTests(NumiFactory factory)
{
    [Fact]
    public async Task An_owner_pages_the_events_newest_first_with_their_status_and_no_payload()
    {
        var (owner, merchant) = await factory.SignedUpOwnerAsync();
        using var _o = owner;
        var organizationId = await factory.OrganizationIdAsync(merchant.Slug);
        var processed = await ReceiveAsync(organizationId, "charge.refunded", DateTime.UtcNow.AddMinutes(-3), processed: true);
        var abandoned = await ReceiveAsync(organizationId, "charge.dispute.created", DateTime.UtcNow.AddMinutes(-2), attempts: WebhookEvent.MaxAttempts);
        var pending = await ReceiveAsync(organizationId, "payment_intent.succeeded", DateTime.UtcNow.AddMinutes(-1), attempts: 1);

        using var response = await owner.Client.GetAsync("/api/v1/webhook_events?limit=2");
        var text = await response.Content.ReadAsStringAsync();
        var page = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(page.GetProperty("has_more").GetBoolean());
        var events = page.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([pending, abandoned], events.Select(e => e.GetProperty("provider_event_id").GetString()));
        Assert.Equal(["pending", "abandoned"], events.Select(e => e.GetProperty("status").GetString()));
        Assert.All(events, e => Assert.StartsWith("evt_", e.GetProperty("id").GetString()));
        Assert.Equal(("webhook_event", "stripe", "payment_intent.succeeded", 1), (events[0].GetProperty("object").GetString(),
            events[0].GetProperty("provider").GetString(), events[0].GetProperty("type").GetString(), events[0].GetProperty("attempts").GetInt32()));
        Assert.DoesNotContain("payload", text);
        Assert.DoesNotContain("\"amount\"", text);

        var rest = await owner.GetApiOkAsync($"/api/v1/webhook_events?starting_after={events[1].GetProperty("id").GetString()}");
        var last = Assert.Single(rest.GetProperty("data").EnumerateArray());
        Assert.Equal((processed, "processed"), (last.GetProperty("provider_event_id").GetString(), last.GetProperty("status").GetString()));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, last.GetProperty("processed_at").ValueKind);
    }

    [Fact]
    public async Task Only_owners_see_events_and_only_their_organizations()
    {
        var (owner, merchant) = await factory.SignedUpOwnerAsync();
        var (admin, _) = await factory.JoinedAsync(merchant, OrganizationRole.Admin);
        using var _o = owner;
        using var _a = admin;
        var otherId = await factory.CreateOrganizationAsync();
        await ReceiveAsync(await factory.OrganizationIdAsync(merchant.Slug), "charge.refunded", DateTime.UtcNow);
        await ReceiveAsync(otherId, "charge.refunded", DateTime.UtcNow);
        var foreignId = await factory.WithDbAsync(db => db.WebhookEvents.IgnoreQueryFilters().Where(e => e.OrganizationId == otherId).Select(e => e.Id).SingleAsync());

        using var byAdmin = await admin.Client.GetAsync("/api/v1/webhook_events");
        await byAdmin.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Single((await owner.GetApiOkAsync("/api/v1/webhook_events")).Ids());
        using var cursor = await owner.Client.GetAsync($"/api/v1/webhook_events?starting_after=evt_{foreignId:N}");
        await cursor.ProblemAsync(HttpStatusCode.NotFound, "resource_missing", "starting_after");
        using var malformed = await owner.Client.GetAsync("/api/v1/webhook_events?starting_after=evt_1NG8Du2eZvKYlo2C");
        await malformed.ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid", "starting_after");
    }

    /// <summary>Stores an event as the webhook endpoint would, then sets how far processing got; returns Stripe's event id.</summary>
    private async Task<string> ReceiveAsync(Guid organizationId, string type, DateTime receivedAt, bool processed = false, int attempts = 0)
    {
        var eventId = "evt_" + Guid.NewGuid().ToString("N")[..24];
        await factory.WithDbAsync(async db =>
        {
            db.WebhookEvents.Add(WebhookEvent.Receive(organizationId, "stripe", eventId, type, """{"data":{"object":{"amount":1200}}}""", receivedAt));
            await db.SaveChangesAsync();
            await db.WebhookEvents.IgnoreQueryFilters().Where(e => e.EventId == eventId).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Attempts, processed ? 1 : attempts)
                .SetProperty(e => e.ProcessedAt, processed ? (DateTime?)receivedAt.AddSeconds(5) : null));
        });
        return eventId;
    }
}

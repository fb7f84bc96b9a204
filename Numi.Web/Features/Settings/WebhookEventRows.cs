using Microsoft.EntityFrameworkCore;
using Numi.Core.Webhooks;
using Numi.Infrastructure.Persistence;
using Numi.Web.Tenancy;

namespace Numi.Web.Features.Settings;

/// <summary>What the list shows of an event: never its payload, which may be large.</summary>
public sealed record WebhookEventRow(string Type, string EventId, DateTime ReceivedAt, DateTime? ProcessedAt, int Attempts, DateTime? NextAttemptAt,
    string? LastError, string? Outcome)
{
    public bool IsAbandoned => WebhookEvent.Abandoned(ProcessedAt, Attempts);
}

/// <summary>The latest webhook events and the organization's slug (their address), read in a
/// <see cref="Interactive.CircuitOperations"/> scope; null for a person who is not (or no longer) an owner.</summary>
public sealed record WebhookEventsView(string Slug, List<WebhookEventRow> Events)
{
    public const int Shown = 50;
    public const string Refusal = "Only owners see webhook events.";

    /// <summary>The organization's events, for an owner; null for anyone else (the page and <c>GET /webhook_events</c>).</summary>
    public static IQueryable<WebhookEvent>? Visible(IServiceProvider services) =>
        services.GetRequiredService<RequestTenant>().IsOwner ? services.GetRequiredService<NumiDbContext>().WebhookEvents.AsNoTracking() : null;

    public static async Task<WebhookEventsView?> ReadAsync(IServiceProvider services)
    {
        if (Visible(services) is not { } visible) return null;
        var events = await visible.OrderByDescending(e => e.ReceivedAt).Take(Shown)
            .Select(e => new WebhookEventRow(e.Type, e.EventId, e.ReceivedAt, e.ProcessedAt, e.Attempts, e.NextAttemptAt, e.LastError, e.Outcome))
            .ToListAsync();
        return new WebhookEventsView(services.GetRequiredService<RequestTenant>().OrganizationSlug ?? "", events);
    }
}

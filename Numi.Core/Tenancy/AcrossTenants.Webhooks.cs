using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Organizations;
using Numi.Core.Webhooks;

namespace Numi.Core.Tenancy;

/// <summary>The organization a webhook URL names, with the signing secret set on it.</summary>
public sealed record WebhookOwner(Guid Id, string? SigningSecret);

/// <summary>A stored event due for processing, with the organization it is processed in.</summary>
public sealed record DueWebhookEvent(Guid EventId, Guid OrganizationId, string OrganizationName, string OrganizationSlug);

public static partial class AcrossTenants
{
    /// <summary>Webhooks arrive signed in as nobody: the organization whose slug the URL names.</summary>
    public static Task<WebhookOwner?> FindWebhookOwnerAsync(this INumiDb db, string organizationSlug, CancellationToken ct)
    {
        var normalized = Slug.Normalize(organizationSlug);
        return db.Organizations.IgnoreQueryFilters().AsNoTracking().Where(o => o.Slug == normalized)
            .Select(o => new WebhookOwner(o.Id, o.WebhookSigningSecret)).FirstOrDefaultAsync(ct);
    }

    /// <summary>Whether that organization already stored this provider's event (a redelivery).</summary>
    public static Task<bool> WebhookEventStoredAsync(this INumiDb db, Guid organizationId, string provider, string eventId, CancellationToken ct) =>
        db.WebhookEvents.IgnoreQueryFilters().AsNoTracking()
            .AnyAsync(e => e.OrganizationId == organizationId && e.Provider == provider && e.EventId == eventId, ct);

    /// <summary>For the webhook inbox, which stores the events of every organization together: which of these event ids
    /// that organization already stored from this provider.</summary>
    public static IQueryable<string> StoredWebhookEventIds(this INumiDb db, Guid organizationId, string provider, IReadOnlyCollection<string> eventIds) =>
        db.WebhookEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.OrganizationId == organizationId && e.Provider == provider && eventIds.Contains(e.EventId))
            .Select(e => e.EventId);

    /// <summary>For the webhook inbox: which of these rows (by <see cref="WebhookEvent.Id"/>, in any organization) exist.</summary>
    public static IQueryable<Guid> ExistingWebhookEvents(this INumiDb db, IReadOnlyCollection<Guid> ids) =>
        db.WebhookEvents.IgnoreQueryFilters().AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => e.Id);

    /// <summary>The saved (encrypted) webhook signing secrets of the organization a webhook URL names.</summary>
    public static Task<string?> ProtectedWebhookSecretsOfAsync(this INumiDb db, Guid organizationId, CancellationToken ct) =>
        db.StripeConnections.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.OrganizationId == organizationId).Select(c => c.ProtectedWebhookSecrets).FirstOrDefaultAsync(ct);

    /// <summary>The processing job's batch: unprocessed events whose next attempt is due, oldest first, in every
    /// organization, each with the organization it is processed in.</summary>
    public static Task<List<DueWebhookEvent>> DueWebhookEventsAsync(this INumiDb db, DateTime now, int batchSize, CancellationToken ct) =>
        db.WebhookEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.ProcessedAt == null && e.Attempts < WebhookEvent.MaxAttempts && (e.NextAttemptAt == null || e.NextAttemptAt <= now))
            .OrderBy(e => e.ReceivedAt).ThenBy(e => e.Id)
            .Take(batchSize)
            .Join(db.Organizations.IgnoreQueryFilters(), e => e.OrganizationId, o => o.Id, (e, o) => new DueWebhookEvent(e.Id, o.Id, o.Name, o.Slug))
            .ToListAsync(ct);
}

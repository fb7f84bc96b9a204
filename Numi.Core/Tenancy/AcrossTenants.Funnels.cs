using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Core.Funnels.Analytics;
using Numi.Core.Organizations;

namespace Numi.Core.Tenancy;

/// <summary>A published funnel as its public URL serves it: the organization and version it belongs to and the steps
/// frozen in that version.</summary>
public sealed record PublishedFunnel(Guid OrganizationId, Guid FunnelId, string FunnelName, Guid VersionId, int VersionNumber, FunnelSnapshot Snapshot,
    string OrganizationName = "", string OrganizationSlug = "");

public static partial class AcrossTenants
{
    /// <summary>Visitors arrive signed in as nobody at <c>/f/{organization}/{funnel}</c>: the version that URL serves,
    /// or null when the funnel is not published (a draft, archived, or no such slug).</summary>
    public static async Task<PublishedFunnel?> FindPublishedFunnelAsync(this INumiDb db, string organizationSlug, string funnelSlug, CancellationToken ct)
    {
        var organization = Slug.Normalize(organizationSlug);
        var funnel = Slug.Normalize(funnelSlug);
        var found = await (from o in db.Organizations.IgnoreQueryFilters()
                           join f in db.Funnels.IgnoreQueryFilters() on o.Id equals f.OrganizationId
                           join v in db.FunnelVersions.IgnoreQueryFilters() on f.PublishedVersionId equals v.Id
                           where o.Slug == organization && f.Slug == funnel && f.Status == FunnelStatus.Published
                           select new { f.OrganizationId, FunnelId = f.Id, f.Name, VersionId = v.Id, v.Number, v.Snapshot, OrganizationName = o.Name, OrganizationSlug = o.Slug })
            .AsNoTracking().FirstOrDefaultAsync(ct);
        return found is null ? null
            : new PublishedFunnel(found.OrganizationId, found.FunnelId, found.Name, found.VersionId, found.Number, FunnelSnapshot.FromJson(found.Snapshot),
                found.OrganizationName, found.OrganizationSlug);
    }

    /// <summary>The funnel event writer stores the events of every organization in one batch, outside any request:
    /// each row must already carry its own organization (the rows are checked here, so a row without one fails the
    /// whole batch instead of being stamped with whichever organization happens to be selected). The analytics'
    /// rollup (<see cref="FunnelRollup"/>) is tracked with them, reading the rollup rows of the batch's sessions and
    /// funnels whatever the organization: the caller's next SaveChanges stores both.</summary>
    public static async Task AddFunnelEventsOfAnyOrganizationAsync(this INumiDb db, IReadOnlyList<FunnelEvent> events, CancellationToken ct)
    {
        foreach (var row in events)
        {
            if (row.OrganizationId == Guid.Empty) throw new InvalidOperationException("A funnel event has no organization.");
        }
        db.FunnelEvents.AddRange(events);
        await FunnelRollup.AddAsync(db, events, ct);
    }

    /// <summary>New funnel sessions of any organizations, queued by the pages and stored in one batch outside any
    /// request; as with the events, each must already carry its own organization.</summary>
    public static void AddFunnelSessionsOfAnyOrganization(this INumiDb db, IReadOnlyList<FunnelSession> sessions)
    {
        foreach (var session in sessions)
        {
            if (session.OrganizationId == Guid.Empty) throw new InvalidOperationException("A funnel session has no organization.");
        }
        db.FunnelSessions.AddRange(sessions);
    }
}

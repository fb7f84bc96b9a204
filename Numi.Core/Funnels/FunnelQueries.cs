using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Offers;

namespace Numi.Core.Funnels;

public static class FunnelQueries
{
    public static readonly Error NoSuchFunnel = Error.NotFound("This funnel does not exist.", "id");

    public static Task<Funnel?> LoadAsync(INumiDb db, Guid funnelId, CancellationToken ct) =>
        db.Funnels.Include(f => f.Steps).FirstOrDefaultAsync(f => f.Id == funnelId, ct);

    public static Task<Funnel?> ReadAsync(INumiDb db, Guid funnelId, CancellationToken ct) =>
        db.Funnels.AsNoTracking().Include(f => f.Steps).FirstOrDefaultAsync(f => f.Id == funnelId, ct);

    /// <summary>A page of funnels newest first, after the funnel <paramref name="after"/> when given; one more row than
    /// <paramref name="limit"/> is read so the caller knows whether more follow.</summary>
    public static async Task<(IReadOnlyList<Funnel> Page, bool HasMore)> ListAsync(INumiDb db, FunnelStatus? status, Guid? after, int limit, CancellationToken ct)
    {
        var funnels = db.Funnels.AsNoTracking().Include(f => f.Steps).AsQueryable();
        if (status is { } wanted) funnels = funnels.Where(f => f.Status == wanted);
        if (after is { } afterId && await db.Funnels.Where(f => f.Id == afterId).Select(f => new { f.CreatedAt, f.Id }).FirstOrDefaultAsync(ct) is { } cursor)
            funnels = funnels.After(cursor.CreatedAt, cursor.Id);
        var page = await funnels.NewestFirst().Take(limit + 1).ToListAsync(ct);
        return (page.Take(limit).ToList(), page.Count > limit);
    }

    /// <summary>The funnel's published versions, newest first (without their snapshots, which can be large).</summary>
    public static Task<List<FunnelVersionSummary>> VersionsAsync(INumiDb db, Guid funnelId, CancellationToken ct) =>
        db.FunnelVersions.AsNoTracking().Where(v => v.FunnelId == funnelId).OrderByDescending(v => v.Number)
            .Select(v => new FunnelVersionSummary(v.Id, v.Number, v.PublishedAt)).ToListAsync(ct);

    public static Task<FunnelVersion?> VersionAsync(INumiDb db, Guid funnelId, int number, CancellationToken ct) =>
        db.FunnelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.FunnelId == funnelId && v.Number == number, ct);

    /// <summary>How each offer the steps name looks now; offers deleted (or of another organization) are missing.</summary>
    public static async Task<Func<Guid, OfferState>> OfferStatesAsync(INumiDb db, IEnumerable<IFunnelStepShape> steps, CancellationToken ct)
    {
        var ids = FunnelSnapshot.OfferIdsOf(steps);
        var states = ids.Count == 0 ? [] : await db.Offers.AsNoTracking().Where(o => ids.Contains(o.Id))
            .Select(o => new { o.Id, o.Status }).ToDictionaryAsync(o => o.Id, o => o.Status, ct);
        return id => !states.TryGetValue(id, out var status) ? OfferState.Missing : status switch
        {
            OfferStatus.Published => OfferState.Published,
            OfferStatus.Draft => OfferState.Draft,
            _ => OfferState.Archived,
        };
    }

    /// <summary>The rules checked against the offers as they are now: a step whose offer was deleted or archived since
    /// shows why before anyone tries to publish.</summary>
    public static async Task<IReadOnlyList<FunnelRuleViolation>> ViolationsAsync(INumiDb db, IReadOnlyList<IFunnelStepShape> steps, CancellationToken ct) =>
        FunnelRules.Check(steps, await OfferStatesAsync(db, steps, ct));

    public static Task<IReadOnlyList<FunnelRuleViolation>> ViolationsAsync(INumiDb db, Funnel funnel, CancellationToken ct) =>
        ViolationsAsync(db, funnel.OrderedSteps.ToList<IFunnelStepShape>(), ct);
}

public sealed record FunnelVersionSummary(Guid Id, int Number, DateTime PublishedAt)
{
    public string PublicId => Common.PublicId.Format(IdPrefixes.FunnelVersion, Id);
}

using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Organizations;

namespace Numi.Core.Tenancy;

public static partial class AcrossTenants
{
    /// <summary>Shoppers are not signed in: the organization whose slug a public link names, in any case.</summary>
    public static Task<OrganizationName?> FindOrganizationBySlugAsync(this INumiDb db, string slug, CancellationToken ct)
    {
        var normalized = Slug.Normalize(slug);
        return db.Organizations.IgnoreQueryFilters().AsNoTracking().Where(o => o.Slug == normalized)
            .Select(o => new OrganizationName(o.Id, o.Name, o.Slug)).FirstOrDefaultAsync(ct);
    }

    /// <summary>Slugs are unique across all organizations (they are public links): whether one holds this slug.</summary>
    public static Task<bool> OrganizationSlugTakenAsync(this INumiDb db, string slug, CancellationToken ct)
    {
        var normalized = Slug.Normalize(slug);
        return db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.Slug == normalized, ct);
    }

    /// <summary>A checkout session a link names, with the organization that owns it, in one round trip. Tracked when the
    /// page that reads it may change it (a post); a page that only shows it reads it untracked, which spares the change
    /// tracker's snapshot of its JSON columns (a serialization and a parse of each).</summary>
    public static async Task<(CheckoutSession Session, OrganizationName Owner)?> FindCheckoutSessionWithOwnerAsync(this INumiDb db, Guid sessionId, bool tracked,
        CancellationToken ct)
    {
        var found = tracked
            ? await (from session in db.CheckoutSessions.IgnoreQueryFilters()
                     join organization in db.Organizations.IgnoreQueryFilters() on session.OrganizationId equals organization.Id
                     where session.Id == sessionId
                     select new SessionAndOwner(session, new OrganizationName(organization.Id, organization.Name, organization.Slug))).FirstOrDefaultAsync(ct)
            : await ReadShownSessionWithOwnerAsync((DbContext)db, sessionId, ct);
        return found is null ? null : (found.Session, found.Owner);
    }

    private sealed record SessionAndOwner(CheckoutSession Session, OrganizationName Owner);

    /// <summary>The untracked read, compiled once per model: every first view of a shopper's page runs it, and the
    /// query cache's lookup (the expression's parameters extracted and the tree hashed) was a part of each. EF Core runs
    /// a compiled query only against the model it was compiled for, and a process may hold several (one per provider:
    /// the tests run SQLite and PostgreSQL side by side), so each model gets its own, dropped with the model.</summary>
    private static Task<SessionAndOwner?> ReadShownSessionWithOwnerAsync(DbContext db, Guid sessionId, CancellationToken ct) =>
        ShownSessionWithOwnerByModel.GetValue(db.Model, _ => EF.CompileAsyncQuery((DbContext context, Guid id, CancellationToken token) =>
            context.Set<CheckoutSession>().IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == id)
                .Join(context.Set<Organization>().IgnoreQueryFilters(), s => s.OrganizationId, o => o.Id,
                    (s, o) => new SessionAndOwner(s, new OrganizationName(o.Id, o.Name, o.Slug)))
                .FirstOrDefault()))(db, sessionId, ct);

    private static readonly ConditionalWeakTable<IModel, Func<DbContext, Guid, CancellationToken, Task<SessionAndOwner?>>> ShownSessionWithOwnerByModel = new();

    /// <summary>Binds an open, unexpired session no browser holds yet to the browser key whose hash is given, before any
    /// page runs (so before its organization is entered); answers the session's expiry when this call bound it.</summary>
    public static async Task<DateTime?> BindCheckoutBrowserAsync(this INumiDb db, Guid sessionId, string keyHash, DateTime now, CancellationToken ct)
    {
        var bound = await db.CheckoutSessions.IgnoreQueryFilters()
            .Where(s => s.Id == sessionId && s.BrowserKeyHash == null && s.Status == CheckoutSessionStatus.Open && s.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.BrowserKeyHash, keyHash), ct);
        if (bound == 0) return null;
        return await db.CheckoutSessions.IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == sessionId).Select(s => s.ExpiresAt).FirstAsync(ct);
    }
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Core.Subscriptions;

namespace Numi.Core.Tenancy;

/// <summary>A billing job's item: a subscription or invoice, with the organization it is processed in.</summary>
public sealed record DueBillingItem(Guid Id, Guid OrganizationId, string OrganizationName, string OrganizationSlug);

public static partial class AcrossTenants
{
    /// <summary>The renewal job's batch: active or trialing subscriptions whose period has ended, in every organization,
    /// in id order after <paramref name="after"/> (keyset paging: a batch never repeats or skips a row).</summary>
    public static Task<List<DueBillingItem>> DueSubscriptionsAsync(this INumiDb db, DateTime now, Guid? after, int batchSize, CancellationToken ct) =>
        db.Subscriptions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Trialing) && s.CurrentPeriodEnd <= now)
            .Where(s => after == null || s.Id.CompareTo(after.Value) > 0)
            .OrderBy(s => s.Id)
            .Take(batchSize)
            .Join(db.Organizations.IgnoreQueryFilters(), s => s.OrganizationId, o => o.Id, (s, o) => new DueBillingItem(s.Id, o.Id, o.Name, o.Slug))
            .ToListAsync(ct);

    /// <summary>The retry job's batch: open invoices whose next attempt is due and that no runner holds, in every
    /// organization, in id order after <paramref name="after"/>.</summary>
    public static Task<List<DueBillingItem>> DueInvoiceAttemptsAsync(this INumiDb db, DateTime now, Guid? after, int batchSize, CancellationToken ct) =>
        db.Invoices.IgnoreQueryFilters().AsNoTracking()
            .Where(i => i.Status == InvoiceStatus.Open && i.NextAttemptAt != null && i.NextAttemptAt <= now && (i.ClaimedUntil == null || i.ClaimedUntil <= now))
            .Where(i => after == null || i.Id.CompareTo(after.Value) > 0)
            .OrderBy(i => i.Id)
            .Take(batchSize)
            .Join(db.Organizations.IgnoreQueryFilters(), i => i.OrganizationId, o => o.Id, (i, o) => new DueBillingItem(i.Id, o.Id, o.Name, o.Slug))
            .ToListAsync(ct);

    /// <summary>The trial reminder's batch: trialing subscriptions not yet reminded whose trial ends after
    /// <paramref name="now"/> and by <paramref name="endsBy"/>, in every organization, in id order after <paramref name="after"/>.</summary>
    public static Task<List<DueBillingItem>> DueTrialRemindersAsync(this INumiDb db, DateTime now, DateTime endsBy, Guid? after, int batchSize, CancellationToken ct) =>
        db.Subscriptions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.Status == SubscriptionStatus.Trialing && s.TrialReminderSentAt == null && s.CurrentPeriodEnd > now && s.CurrentPeriodEnd <= endsBy)
            .Where(s => after == null || s.Id.CompareTo(after.Value) > 0)
            .OrderBy(s => s.Id)
            .Take(batchSize)
            .Join(db.Organizations.IgnoreQueryFilters(), s => s.OrganizationId, o => o.Id, (s, o) => new DueBillingItem(s.Id, o.Id, o.Name, o.Slug))
            .ToListAsync(ct);

    /// <summary>The pattern analysis's batch: organizations that have customers, in id order after
    /// <paramref name="after"/>; each is then analysed with its own organization entered.</summary>
    public static Task<List<DueBillingItem>> OrganizationsWithCustomersAsync(this INumiDb db, Guid? after, int batchSize, CancellationToken ct) =>
        db.Organizations.IgnoreQueryFilters().AsNoTracking()
            .Where(o => db.Customers.IgnoreQueryFilters().Any(c => c.OrganizationId == o.Id))
            .Where(o => after == null || o.Id.CompareTo(after.Value) > 0)
            .OrderBy(o => o.Id)
            .Take(batchSize)
            .Select(o => new DueBillingItem(o.Id, o.Id, o.Name, o.Slug))
            .ToListAsync(ct);
}

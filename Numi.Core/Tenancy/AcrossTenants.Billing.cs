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
    /// in id order after <paramref name="after"/> (keyset paging: a batch never repeats or skips a row), less those
    /// another runner is renewing (<see cref="RenewalClaims"/>).</summary>
    public static Task<List<DueBillingItem>> DueSubscriptionsAsync(this INumiDb db, DateTime now, Guid? after, int batchSize, CancellationToken ct) =>
        db.Subscriptions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Trialing) && s.CurrentPeriodEnd <= now)
            .NotHeld(db.Invoices.IgnoreQueryFilters(), now)
            .Where(s => after == null || s.Id.CompareTo(after.Value) > 0)
            .OrderBy(s => s.Id)
            .Take(batchSize)
            .Join(db.Organizations.IgnoreQueryFilters(), s => s.OrganizationId, o => o.Id, (s, o) => new DueBillingItem(s.Id, o.Id, o.Name, o.Slug))
            .ToListAsync(ct);

    /// <summary>The retry job's batch: open invoices whose next attempt is due and that no runner holds, in every
    /// organization, in id order after <paramref name="after"/>.</summary>
    public static Task<List<DueBillingItem>> DueInvoiceAttemptsAsync(this INumiDb db, DateTime now, Guid? after, int batchSize, CancellationToken ct) =>
        InEveryOrganization(db, db.Invoices.IgnoreQueryFilters()
            .Where(i => i.Status == InvoiceStatus.Open && i.NextAttemptAt != null && i.NextAttemptAt <= now && (i.ClaimedUntil == null || i.ClaimedUntil <= now)),
            after, batchSize, ct);

    /// <summary>The dunning job's batch: open invoices whose payment failed, in every organization (which campaign step,
    /// if any, is due is the handler's to say).</summary>
    public static Task<List<DueBillingItem>> FailedOpenInvoicesAsync(this INumiDb db, DateTime now, Guid? after, int batchSize, CancellationToken ct) =>
        InEveryOrganization(db, db.Invoices.IgnoreQueryFilters()
            .Where(i => i.Status == InvoiceStatus.Open && i.FirstFailedAt != null && i.FirstFailedAt <= now), after, batchSize, ct);

    /// <summary>The expiry job's batch: open invoices that failed and have no attempt planned or in flight, in every
    /// organization (whether the plan's maximum days have passed is the handler's to say).</summary>
    public static Task<List<DueBillingItem>> UnpaidInvoicesWithoutAttemptAsync(this INumiDb db, DateTime now, Guid? after, int batchSize, CancellationToken ct) =>
        InEveryOrganization(db, db.Invoices.IgnoreQueryFilters()
            .Where(i => i.Status == InvoiceStatus.Open && i.FirstFailedAt != null && i.NextAttemptAt == null && (i.ClaimedUntil == null || i.ClaimedUntil <= now)),
            after, batchSize, ct);

    private static Task<List<DueBillingItem>> InEveryOrganization(INumiDb db, IQueryable<Invoice> invoices, Guid? after, int batchSize, CancellationToken ct) =>
        invoices.AsNoTracking()
            .Where(i => after == null || i.Id.CompareTo(after.Value) > 0)
            .OrderBy(i => i.Id)
            .Take(batchSize)
            .Join(db.Organizations.IgnoreQueryFilters(), i => i.OrganizationId, o => o.Id, (i, o) => new DueBillingItem(i.Id, o.Id, o.Name, o.Slug))
            .ToListAsync(ct);

    /// <summary>The receipt job's batch: paid invoices without a receipt yet, paid within
    /// <see cref="SendInvoiceReceiptHandler.Window"/>, in every organization, in id order after <paramref name="after"/>.</summary>
    public static Task<List<DueBillingItem>> DueInvoiceReceiptsAsync(this INumiDb db, DateTime now, Guid? after, int batchSize, CancellationToken ct) =>
        db.Invoices.IgnoreQueryFilters().AsNoTracking()
            .Where(i => i.Status == InvoiceStatus.Paid && i.ReceiptSentAt == null && i.PaidAt >= now - SendInvoiceReceiptHandler.Window)
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

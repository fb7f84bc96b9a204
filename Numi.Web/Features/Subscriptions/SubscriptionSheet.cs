using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Subscriptions;

/// <summary>One row of a subscription's timeline as the page shows it.</summary>
public sealed record SubscriptionSheetEvent(
    string PublicId, SubscriptionEventType Type, SubscriptionStatus FromStatus, SubscriptionStatus ToStatus, string? Detail, string? Note, DateTime CreatedAt)
{
    public static SubscriptionSheetEvent Of(SubscriptionEvent e) => new(e.PublicId, e.Type, e.FromStatus, e.ToStatus, e.Detail, e.Note, e.CreatedAt);
}

/// <summary>What the subscription page shows, as plain data (amount in minor units of <see cref="Currency"/>): read
/// while prerendering and handed to the interactive render, read again after each action. The suggested billing day
/// and its reason are <see cref="BillingDaySuggestions"/>' answer, null when there is none.</summary>
public sealed record SubscriptionSheet(
    Guid Id, string PublicId, string Description, int Quantity, SubscriptionStatus Status, long Amount, string Currency,
    PriceInterval Interval, int IntervalCount, int? CancelAfterCycles, int CyclesPaid,
    DateTime CurrentPeriodStart, DateTime CurrentPeriodEnd, bool CancelAtPeriodEnd, DateTime? CanceledAt, DateTime? EndedAt, DateTime? PausedAt,
    string CustomerPublicId, string CustomerEmail, string? CustomerName, string? OrderPublicId, string? PlanPublicId, string? PlanName,
    DateTime CreatedAt, List<SubscriptionSheetEvent> Events, int? SuggestedBillingDay = null, string? SuggestedBillingDayReason = null,
    DateTime? ReviewRequestedAt = null, string? ReviewReason = null)
{
    public bool NeedsReview => ReviewRequestedAt is not null;

    public string PriceText => new SubscriptionRow
    {
        Amount = Amount, Currency = Currency, Interval = Interval, IntervalCount = IntervalCount, CancelAfterCycles = CancelAfterCycles,
    }.PriceText;

    /// <summary>Null when <paramref name="id"/> names no subscription of the organization the scope is in.</summary>
    public static async Task<SubscriptionSheet?> ReadAsync(NumiDbContext db, string id, CancellationToken ct)
    {
        if (!Core.Common.PublicId.TryParse(IdPrefixes.Subscription, id, out var key)) return null;
        var s = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == key, ct);
        if (s is null) return null;
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == s.CustomerId).Select(c => new { c.Email, c.Name }).FirstAsync(ct);
        var plan = await db.Plans.AsNoTracking().Where(p => p.PriceId == s.PriceId).Select(p => new { p.Id, p.Name }).FirstOrDefaultAsync(ct);
        var suggested = await new BillingDaySuggestions(new Core.Invoices.RetryInputs(db)).ForAsync(s, ct);
        // Newest first; ids are version 7 (time-ordered), so two events of one instant keep the order they happened in.
        var events = await db.SubscriptionEvents.AsNoTracking().Where(e => e.SubscriptionId == s.Id)
            .OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).ToListAsync(ct);
        return new SubscriptionSheet(
            s.Id, s.PublicId, s.Description, s.Quantity, s.Status, s.Amount, s.Currency, s.Interval, s.IntervalCount, s.CancelAfterCycles, s.CyclesPaid,
            s.CurrentPeriodStart, s.CurrentPeriodEnd, s.CancelAtPeriodEnd, s.CanceledAt, s.EndedAt, s.PausedAt,
            Core.Common.PublicId.Format(IdPrefixes.Customer, s.CustomerId), customer.Email, customer.Name,
            s.OrderId is { } order ? Core.Common.PublicId.Format(IdPrefixes.Order, order) : null,
            plan is null ? null : Core.Common.PublicId.Format(IdPrefixes.Plan, plan.Id), plan?.Name,
            s.CreatedAt, [.. events.Select(SubscriptionSheetEvent.Of)], suggested?.Day, suggested?.Reason, s.ReviewRequestedAt, s.ReviewReason);
    }
}

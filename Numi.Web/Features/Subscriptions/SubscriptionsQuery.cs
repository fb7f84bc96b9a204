using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Infrastructure.Persistence;
using Numi.Web.Interactive;

namespace Numi.Web.Features.Subscriptions;

/// <summary>Subscriptions with their customer's email, newest first unless the grid sorts.</summary>
public static class SubscriptionsQuery
{
    public static Task<GridData<SubscriptionRow>> PageAsync(NumiDbContext db, SubscriptionFilter filter, GridState<SubscriptionRow> state, CancellationToken ct) =>
        GridPages.ReadAsync(Search(db, filter), state, ct);

    /// <summary>By status (and only those needing review when asked), matching part of the customer's email (any case) or the product.</summary>
    public static IQueryable<SubscriptionRow> Search(NumiDbContext db, SubscriptionFilter filter)
    {
        var rows = Joined(db);
        if (filter.UnknownStatus) rows = rows.Where(_ => false);
        if (filter.Status is { } wanted) rows = rows.Where(r => r.Subscription.Status == wanted);
        if (filter.NeedsReview) rows = rows.Where(r => r.Subscription.ReviewRequestedAt != null);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            var email = term.ToLowerInvariant();
            rows = rows.Where(r => r.EmailKey.Contains(email) || r.Subscription.Description.Contains(term));
        }
        return Project(rows);
    }

    public static Task<List<SubscriptionRow>> OfOrderAsync(NumiDbContext db, Guid orderId, CancellationToken ct) =>
        Project(Joined(db).Where(r => r.Subscription.OrderId == orderId)).ToListAsync(ct);

    public static Task<List<SubscriptionRow>> OfCustomerAsync(NumiDbContext db, Guid customerId, CancellationToken ct) =>
        Project(Joined(db).Where(r => r.Subscription.CustomerId == customerId)).ToListAsync(ct);

    public static Task<bool> AnyAsync(NumiDbContext db, CancellationToken ct) => db.Subscriptions.AnyAsync(ct);

    // A member-init (not a constructor) so EF can keep filtering and ordering on its parts.
    private sealed class Match
    {
        public Core.Subscriptions.Subscription Subscription { get; init; } = default!;
        public string EmailKey { get; init; } = "";
        public string Email { get; init; } = "";
    }

    private static IQueryable<Match> Joined(NumiDbContext db) =>
        from subscription in db.Subscriptions.AsNoTracking()
        join customer in db.Customers.AsNoTracking() on subscription.CustomerId equals customer.Id
        select new Match { Subscription = subscription, EmailKey = customer.EmailKey, Email = customer.Email };

    private static IQueryable<SubscriptionRow> Project(IQueryable<Match> rows) =>
        rows.OrderByDescending(r => r.Subscription.CreatedAt).ThenByDescending(r => r.Subscription.Id).Select(r => new SubscriptionRow
        {
            Id = r.Subscription.Id,
            Description = r.Subscription.Description,
            Quantity = r.Subscription.Quantity,
            CustomerId = r.Subscription.CustomerId,
            Email = r.Email,
            Amount = r.Subscription.Amount,
            Currency = r.Subscription.Currency,
            Interval = r.Subscription.Interval,
            IntervalCount = r.Subscription.IntervalCount,
            CancelAfterCycles = r.Subscription.CancelAfterCycles,
            Status = r.Subscription.Status,
            CurrentPeriodStart = r.Subscription.CurrentPeriodStart,
            CurrentPeriodEnd = r.Subscription.CurrentPeriodEnd,
            OrderId = r.Subscription.OrderId,
            CreatedAt = r.Subscription.CreatedAt,
            ReviewRequestedAt = r.Subscription.ReviewRequestedAt,
        });
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Subscriptions;

public sealed record SubscriptionRow(Subscription Subscription, string Email);

/// <summary>The subscription list's query: newest first, by status, matching part of the customer's email or the product.</summary>
public static class SubscriptionRows
{
    public static IQueryable<SubscriptionRow> Search(NumiDbContext db, string? query, SubscriptionStatus? status)
    {
        var rows = from subscription in db.Subscriptions.AsNoTracking()
                   join customer in db.Customers.AsNoTracking() on subscription.CustomerId equals customer.Id
                   select new { subscription, customer.EmailKey, customer.Email };
        if (status is { } wanted) rows = rows.Where(r => r.subscription.Status == wanted);
        if (!string.IsNullOrWhiteSpace(query))
        {
            var term = query.Trim();
            var email = term.ToLowerInvariant();
            rows = rows.Where(r => r.EmailKey.Contains(email) || r.subscription.Description.Contains(term));
        }
        return rows.OrderByDescending(r => r.subscription.CreatedAt).ThenByDescending(r => r.subscription.Id)
            .Select(r => new SubscriptionRow(r.subscription, r.Email));
    }
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Orders;
using Numi.Infrastructure.Persistence;
using Numi.Web.Features.Subscriptions;

namespace Numi.Web.Features.Orders;

/// <summary>What the order page shows: the order with its lines and refunds, its customer, and the subscriptions it
/// started.</summary>
public sealed record OrderDetails(Order Order, string? CustomerPublicId, string? CustomerEmail, IReadOnlyList<SubscriptionRow> Subscriptions)
{
    /// <summary>Null when <paramref name="id"/> names no order of the organization the scope is in.</summary>
    public static async Task<OrderDetails?> ReadAsync(NumiDbContext db, string id, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Order, id, out var key)) return null;
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Refunds).AsSplitQuery().FirstOrDefaultAsync(o => o.Id == key, ct);
        if (order is null) return null;
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == order.CustomerId, ct);
        var subscriptions = await SubscriptionsQuery.OfOrderAsync(db, order.Id, ct);
        return new OrderDetails(order, customer?.PublicId, customer?.Email, [.. subscriptions.OrderBy(s => s.CreatedAt)]);
    }
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Customers;
using Numi.Core.Orders;
using Numi.Infrastructure.Persistence;
using Numi.Web.Features.Subscriptions;

namespace Numi.Web.Features.Customers;

/// <summary>What the customer page shows: the customer, their latest orders and their subscriptions.</summary>
public sealed record CustomerDetails(Customer Customer, IReadOnlyList<Order> Orders, IReadOnlyList<SubscriptionRow> Subscriptions)
{
    private const int LatestOrders = 100;

    /// <summary>Null when <paramref name="id"/> names no customer of the organization the scope is in.</summary>
    public static async Task<CustomerDetails?> ReadAsync(NumiDbContext db, string id, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Customer, id, out var key)) return null;
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == key, ct);
        if (customer is null) return null;
        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customer.Id).NewestFirst().Take(LatestOrders).ToListAsync(ct);
        return new CustomerDetails(customer, orders, await SubscriptionsQuery.OfCustomerAsync(db, customer.Id, ct));
    }
}

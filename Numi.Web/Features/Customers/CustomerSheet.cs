using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Customers;
using Numi.Infrastructure.Persistence;
using Numi.Web.Features.Subscriptions;

namespace Numi.Web.Features.Customers;

/// <summary>What the customer page shows, as plain data: the customer, their latest orders and their subscriptions. Read
/// while prerendering and handed to the interactive render (persistent state), so the customer is not read twice.</summary>
public sealed record CustomerSheet(
    Guid Id, string PublicId, string Email, string? Name, string? Phone, bool SavedPaymentMethod, bool TaxExempt, string? TimeZone, DateTime CreatedAt,
    List<CustomerOrder> Orders, List<SubscriptionRow> Subscriptions)
{
    private const int LatestOrders = 100;

    /// <summary>Null when <paramref name="id"/> names no customer of the organization the scope is in.</summary>
    public static async Task<CustomerSheet?> ReadAsync(NumiDbContext db, string id, CancellationToken ct)
    {
        if (!Core.Common.PublicId.TryParse(IdPrefixes.Customer, id, out var key)) return null;
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == key, ct);
        if (customer is null) return null;
        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customer.Id).NewestFirst().Take(LatestOrders)
            .Select(o => new CustomerOrder(o.Id, o.Number, o.AmountTotal, o.Currency, o.CreatedAt)).ToListAsync(ct);
        return Of(customer, orders, await SubscriptionsQuery.OfCustomerAsync(db, customer.Id, ct));
    }

    public static CustomerSheet Of(Customer customer, List<CustomerOrder> orders, List<SubscriptionRow> subscriptions) => new(
        customer.Id, customer.PublicId, customer.Email, customer.Name, customer.Phone, customer.DefaultPaymentMethod is not null,
        customer.TaxExempt, customer.TimeZone, customer.CreatedAt, orders, subscriptions);
}

/// <summary>One of the customer's orders as their page lists it.</summary>
public sealed record CustomerOrder(Guid Id, int Number, long AmountTotal, string Currency, DateTime CreatedAt)
{
    public string PublicId => Core.Common.PublicId.Format(IdPrefixes.Order, Id);
}

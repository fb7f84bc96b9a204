using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Customers;
using Numi.Core.Orders;
using Numi.Infrastructure.Persistence;
using Numi.Web.Features.Subscriptions;

namespace Numi.Web.Features.Orders;

/// <summary>What the order page shows, as plain data (amounts in minor units of <see cref="Currency"/>): read while
/// prerendering and handed to the interactive render (persistent state), so the order is not read twice.</summary>
public sealed record OrderSheet(
    Guid Id, string PublicId, int Number, OrderStatus Status, string Currency,
    long AmountDiscount, string? DiscountCode, long AmountTax, string? TaxRow, long AmountTotal, long AmountRefunded,
    string? CardBrand, string? CardLast4, string PaymentIntentId,
    string? DisputeId, long? DisputeAmount, string? DisputeReason, DateTime? DisputedAt,
    string? Phone, Address? ShippingAddress, Address? BillingAddress, Dictionary<string, string> Answers,
    string? CustomerPublicId, string? CustomerEmail, DateTime CreatedAt,
    List<OrderSheetLine> Lines, List<OrderSheetRefund> Refunds, List<SubscriptionRow> Subscriptions)
{
    public long Refundable => AmountTotal - AmountRefunded;

    /// <summary>The order's own rule (<see cref="Order.CanRefund(long?)"/>) on what this sheet says is left.</summary>
    public Result<long> CanRefund(long? amount) => Order.CanRefund(Refundable, Currency, amount);

    /// <summary>Null when <paramref name="id"/> names no order of the organization the scope is in.</summary>
    public static async Task<OrderSheet?> ReadAsync(NumiDbContext db, string id, CancellationToken ct)
    {
        if (!Core.Common.PublicId.TryParse(IdPrefixes.Order, id, out var key)) return null;
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Refunds).AsSplitQuery().FirstOrDefaultAsync(o => o.Id == key, ct);
        if (order is null) return null;
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == order.CustomerId, ct);
        return Of(order, customer, await SubscriptionsQuery.OfOrderAsync(db, order.Id, ct));
    }

    public static OrderSheet Of(Order order, Customer? customer, IEnumerable<SubscriptionRow> subscriptions) => new(
        order.Id, order.PublicId, order.Number, order.Status, order.Currency,
        order.AmountDiscount, order.DiscountCode, order.AmountTax, order.TaxRow, order.AmountTotal, order.AmountRefunded,
        order.CardBrand, order.CardLast4, order.PaymentIntentId,
        order.DisputeId, order.DisputeAmount, order.DisputeReason, order.DisputedAt,
        order.Details.Phone, order.Details.ShippingAddress, order.Details.BillingAddress, new(order.Details.CustomFields ?? new Dictionary<string, string>()),
        customer?.PublicId, customer?.Email, order.CreatedAt,
        [.. order.Lines.Select(l => new OrderSheetLine(l.Description, l.PriceSummary, l.Quantity, l.Amount, l.Recurring))],
        [.. order.Refunds.OrderBy(r => r.CreatedAt).Select(r => new OrderSheetRefund(r.Amount, r.Reason, r.CreatedAt))],
        [.. subscriptions.OrderBy(s => s.CreatedAt)]);
}

/// <summary>A line of the order as sold.</summary>
public sealed record OrderSheetLine(string Description, string PriceSummary, int Quantity, long Amount, bool Recurring);

/// <summary>A refund in the order's timeline.</summary>
public sealed record OrderSheetRefund(long Amount, string? Reason, DateTime CreatedAt);

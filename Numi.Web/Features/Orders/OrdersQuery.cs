using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Numi.Infrastructure.Persistence;
using Numi.Web.Interactive;

namespace Numi.Web.Features.Orders;

/// <summary>The order list's query, shared by the grid and the CSV export so both show the same orders.</summary>
public static class OrdersQuery
{
    /// <summary>Newest first; <paramref name="search"/> matches an order number ("1001" or "#1001") or part of the email.</summary>
    public static IQueryable<OrderRow> Search(NumiDbContext db, string? search)
    {
        var rows = from order in db.Orders.AsNoTracking()
                   join customer in db.Customers.AsNoTracking() on order.CustomerId equals customer.Id
                   select new { order, customer.EmailKey, customer.Email };
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().TrimStart('#');
            var email = term.ToLowerInvariant();
            rows = int.TryParse(term, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? rows.Where(r => r.order.Number == number || r.EmailKey.Contains(email))
                : rows.Where(r => r.EmailKey.Contains(email));
        }
        return rows.OrderByDescending(r => r.order.CreatedAt).ThenByDescending(r => r.order.Id).Select(r => new OrderRow
        {
            Id = r.order.Id,
            Number = r.order.Number,
            Email = r.Email,
            Currency = r.order.Currency,
            AmountSubtotal = r.order.AmountSubtotal,
            AmountDiscount = r.order.AmountDiscount,
            AmountTax = r.order.AmountTax,
            AmountTotal = r.order.AmountTotal,
            Status = r.order.Status,
            Disputed = r.order.DisputeId != null,
            PaymentIntentId = r.order.PaymentIntentId,
            CreatedAt = r.order.CreatedAt,
        });
    }

    public static Task<GridData<OrderRow>> PageAsync(NumiDbContext db, string? search, GridState<OrderRow> state, CancellationToken ct) =>
        GridPages.ReadAsync(Search(db, search), state, ct);

    public static Task<bool> AnyAsync(NumiDbContext db, CancellationToken ct) => db.Orders.AnyAsync(ct);

    /// <summary>The export link for the list's current search.</summary>
    public static string ExportUrl(string? search) =>
        "orders/export.csv" + (string.IsNullOrWhiteSpace(search) ? "" : "?q=" + Uri.EscapeDataString(search.Trim()));
}

using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Orders;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Orders;

public sealed record OrderRow(Order Order, string Email)
{
    /// <summary>The status in words: the enum's name (<c>PartiallyRefunded</c>) is not something to show a merchant.</summary>
    public static string StatusLabel(OrderStatus status) => status switch
    {
        OrderStatus.PartiallyRefunded => "Partially refunded",
        OrderStatus.Refunded => "Refunded",
        _ => "Paid",
    };
}

/// <summary>The order list's query, shared by the page and its CSV export so both show the same orders.</summary>
public static class OrderRows
{
    /// <summary>Newest first; <paramref name="query"/> matches an order number ("1001" or "#1001") or part of the email.</summary>
    public static IQueryable<OrderRow> Search(NumiDbContext db, string? query)
    {
        var rows = from order in db.Orders.AsNoTracking()
                   join customer in db.Customers.AsNoTracking() on order.CustomerId equals customer.Id
                   select new { order, customer.EmailKey, customer.Email };
        if (!string.IsNullOrWhiteSpace(query))
        {
            var term = query.Trim().TrimStart('#');
            var email = term.ToLowerInvariant();
            rows = int.TryParse(term, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? rows.Where(r => r.order.Number == number || r.EmailKey.Contains(email))
                : rows.Where(r => r.EmailKey.Contains(email));
        }
        return rows.OrderByDescending(r => r.order.CreatedAt).ThenByDescending(r => r.order.Id).Select(r => new OrderRow(r.order, r.Email));
    }

    public static void MapOrderExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/orders/export.csv", ExportAsync).RequireAuthorization().ExcludeFromDescription();

    /// <summary>Every matching order as CSV (amounts in major units with their currency), streamed row by row.</summary>
    private static async Task ExportAsync(string? q, NumiDbContext db, HttpResponse response, CancellationToken ct)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"orders.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false));
        await writer.WriteLineAsync("number,date_utc,customer_email,currency,subtotal,discount,tax,total,status,payment_intent");
        await foreach (var row in Search(db, q).AsAsyncEnumerable().WithCancellation(ct))
        {
            var o = row.Order;
            await writer.WriteLineAsync(string.Join(',',
                o.Number.ToString(CultureInfo.InvariantCulture), o.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Csv(row.Email),
                o.Currency, Money.ToMajorText(o.AmountSubtotal, o.Currency),
                Money.ToMajorText(o.AmountDiscount, o.Currency), Money.ToMajorText(o.AmountTax, o.Currency), Money.ToMajorText(o.AmountTotal, o.Currency),
                o.Status.ToString().ToLowerInvariant(), Csv(o.PaymentIntentId)));
        }
    }

    /// <summary>Quotes a field when it needs it, and defuses spreadsheet formulas (a cell starting =, +, - or @).</summary>
    internal static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}

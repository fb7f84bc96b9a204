using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Orders;

/// <summary>The order list as CSV: a plain GET endpoint, so the browser downloads it with the sign-in cookie.</summary>
public static class OrderExport
{
    public static void MapOrderExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/orders/export.csv", ExportAsync).RequireAuthorization().ExcludeFromDescription();

    /// <summary>Every matching order as CSV (amounts in major units with their currency), streamed row by row.</summary>
    private static async Task ExportAsync(string? q, NumiDbContext db, HttpResponse response, CancellationToken ct)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"orders.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false));
        await writer.WriteLineAsync("number,date_utc,customer_email,currency,subtotal,discount,tax,total,status,payment_intent");
        await foreach (var o in OrdersQuery.Search(db, q).AsAsyncEnumerable().WithCancellation(ct))
        {
            await writer.WriteLineAsync(string.Join(',',
                o.Number.ToString(CultureInfo.InvariantCulture), o.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Csv(o.Email),
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

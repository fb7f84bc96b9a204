using System.Net;
using System.Text;
using Numi.Core.Common;
using Numi.Core.Email;

namespace Numi.Core.Orders;

/// <summary>The receipt a shopper gets when their payment succeeds. Written to the outbox in the same save as the
/// order, so an order never exists without its receipt queued (and a rolled-back order sends nothing).</summary>
public static class OrderConfirmationEmail
{
    public static EmailMessage For(Order order, string merchantName, string to)
    {
        var text = new StringBuilder()
            .AppendLine($"Thank you for your order #{order.Number} from {merchantName}.")
            .AppendLine();
        foreach (var line in order.Lines)
            text.AppendLine($"{line.Description}{(line.Quantity > 1 ? $" × {line.Quantity}" : "")}: {Money.Format(line.Amount, order.Currency)}");
        if (order.TaxRow is { } taxRow) text.AppendLine($"{taxRow}: {Money.Format(order.AmountTax, order.Currency)}");
        text.AppendLine()
            .AppendLine($"Total paid: {Money.Format(order.AmountTotal, order.Currency)}")
            .AppendLine(order.CardLast4 is null ? "" : $"Paid with {order.CardBrand} ending {order.CardLast4}.");

        var rows = string.Concat(order.Lines.Select(line =>
            $"<tr><td>{Encode(line.Description)}{(line.Quantity > 1 ? $" × {line.Quantity}" : "")}</td><td style=\"text-align:right\">{Encode(Money.Format(line.Amount, order.Currency))}</td></tr>"));
        if (order.TaxRow is { } tax)
            rows += $"<tr><td>{Encode(tax)}</td><td style=\"text-align:right\">{Encode(Money.Format(order.AmountTax, order.Currency))}</td></tr>";
        var html = $"<p>Thank you for your order <strong>#{order.Number}</strong> from {Encode(merchantName)}.</p>" +
                   $"<table>{rows}<tr><th style=\"text-align:left\">Total paid</th><th style=\"text-align:right\">{Encode(Money.Format(order.AmountTotal, order.Currency))}</th></tr></table>" +
                   (order.CardLast4 is null ? "" : $"<p>Paid with {Encode(order.CardBrand ?? "card")} ending {Encode(order.CardLast4)}.</p>");
        return new EmailMessage(to, $"Your order #{order.Number} from {merchantName}", text.ToString(), html);
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}

using Numi.Core.Common;
using Numi.Core.Orders;

namespace Numi.Web.Features.Orders;

/// <summary>An order as the list and its CSV export show it. Settable properties, so EF can sort and page the
/// projection.</summary>
public sealed class OrderRow
{
    public Guid Id { get; init; }
    public string PublicId => Core.Common.PublicId.Format(IdPrefixes.Order, Id);
    public int Number { get; init; }
    public string Email { get; init; } = "";
    public string Currency { get; init; } = "usd";
    public long AmountSubtotal { get; init; }
    public long AmountDiscount { get; init; }
    public long AmountTax { get; init; }
    public long AmountTotal { get; init; }
    public OrderStatus Status { get; init; }
    public bool Disputed { get; init; }
    public string PaymentIntentId { get; init; } = "";
    public DateTime CreatedAt { get; init; }
}

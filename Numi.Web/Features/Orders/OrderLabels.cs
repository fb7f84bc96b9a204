using Numi.Core.Orders;

namespace Numi.Web.Features.Orders;

public static class OrderLabels
{
    /// <summary>The status in words: the enum's name (<c>PartiallyRefunded</c>) is not something to show a merchant.</summary>
    public static string Status(OrderStatus status) => status switch
    {
        OrderStatus.PartiallyRefunded => "Partially refunded",
        OrderStatus.Refunded => "Refunded",
        _ => "Paid",
    };
}

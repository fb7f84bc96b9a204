using Numi.Core.Checkout;
using Numi.Core.Orders;

namespace Numi.Core.Tests.Orders;

/// <summary>An order paid in full with payment intent <c>pi_1</c>, for tests of what happens to it afterwards.</summary>
internal static class PaidOrders
{
    public static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    public static Order Paid(long total) =>
        Order.Create(Order.FirstNumber, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new CheckoutCart("usd", [], total), "pi_1", "visa", "4242", [], Now);
}

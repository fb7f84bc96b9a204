using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Orders;

namespace Numi.Core.Tests.Orders;

public sealed class OrderRefundTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    private static Order Paid(long total) => Order.Create(Order.FirstNumber, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new CheckoutCart("usd", [], total), "pi_1", "visa", "4242", [], Now);

    [Fact]
    public void No_amount_means_everything_left()
    {
        var order = Paid(2_400);
        order.Refunded(400, null, "re_1", Now);

        Assert.Equal(2_000, order.CanRefund(null).Value);
    }

    [Fact]
    public void Partial_then_full_moves_the_status()
    {
        var order = Paid(2_400);

        order.Refunded(400, "scuffed", "re_1", Now);
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        order.Refunded(2_000, null, "re_2", Now);

        Assert.Equal(OrderStatus.Refunded, order.Status);
        Assert.Equal(2_400, order.AmountRefunded);
        Assert.Equal(0, order.Refundable);
        Assert.Equal(ErrorCodes.StateConflict, order.CanRefund(null).FirstError.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(2_401)]
    public void Nothing_negative_zero_or_more_than_is_left(long amount)
    {
        var result = Paid(2_400).CanRefund(amount);

        Assert.False(result.Succeeded);
        Assert.Equal("amount", result.FirstError.Param);
        Assert.Equal(ErrorCodes.ParameterInvalid, result.FirstError.Code);
    }
}

using Numi.Core.Payments;
using Numi.Infrastructure.Payments;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Checkout;

public sealed class SimulatedRefundTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_repeated_refund_key_answers_the_first_refund_and_a_different_amount_under_it_is_refused()
    {
        var gateway = new SimulatedGateway(Clock);
        var paid = await gateway.ChargeAsync(new ChargeRequest(2_400, "usd", "cs_1-1", "pm_card_visa", null, "a@example.com"), default);

        var first = await gateway.RefundAsync(paid.PaymentIntentId!, 500, "ord_1-refund-1", default);
        var replay = await gateway.RefundAsync(paid.PaymentIntentId!, 500, "ord_1-refund-1", default);
        var mismatch = await gateway.RefundAsync(paid.PaymentIntentId!, 700, "ord_1-refund-1", default);

        Assert.True(first.Succeeded);
        Assert.Equal(first.RefundId, replay.RefundId);
        Assert.False(mismatch.Succeeded);
    }

    [Fact]
    public async Task A_declined_payment_cannot_be_refunded()
    {
        var gateway = new SimulatedGateway(Clock);
        var declined = await gateway.ChargeAsync(new ChargeRequest(2_400, "usd", "cs_2-1", "pm_card_chargeDeclined", null, "a@example.com"), default);

        var refund = await gateway.RefundAsync(declined.PaymentIntentId!, 100, "ord_2-refund-1", default);

        Assert.False(refund.Succeeded);
    }
}

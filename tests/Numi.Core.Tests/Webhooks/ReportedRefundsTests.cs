using Numi.Core.Orders;
using Numi.Core.Tests.Orders;
using Numi.Core.Webhooks;

namespace Numi.Core.Tests.Webhooks;

/// <summary>What a <c>charge.refunded</c> event adds to an order: Stripe's total is the target, known refunds count toward
/// it, nothing is ever counted twice.</summary>
public sealed class ReportedRefundsTests
{
    private static readonly DateTime Now = PaidOrders.Now;

    private static Order Paid(long total) => PaidOrders.Paid(total);

    [Fact]
    public void Listed_refunds_the_order_does_not_know_are_added_oldest_first()
    {
        var order = Paid(2_400);

        var missing = ReportedRefunds.Missing(order, [new("re_2", 300, null), new("re_1", 200, "duplicate")], 500, "ch_1");

        Assert.Equal([new ReportedRefund("re_1", 200, "duplicate"), new ReportedRefund("re_2", 300, null)], missing);
    }

    [Fact]
    public void A_refund_made_from_Numi_is_recognised_by_its_processor_id()
    {
        var order = Paid(2_400);
        order.Refunded(400, null, "re_numi", Now);

        var missing = ReportedRefunds.Missing(order, [new("re_dashboard", 100, null), new("re_numi", 400, null)], 500, "ch_1");

        Assert.Equal([new ReportedRefund("re_dashboard", 100, null)], missing);
    }

    [Fact]
    public void An_older_event_arriving_late_or_a_repeat_adds_nothing()
    {
        var order = Paid(2_400);
        order.Refunded(500, null, "ch_1@500", Now);

        Assert.Empty(ReportedRefunds.Missing(order, [new("re_1", 300, null)], 300, "ch_1"));
        Assert.Empty(ReportedRefunds.Missing(order, [new("re_2", 200, null), new("re_1", 300, null)], 500, "ch_1"));
    }

    [Fact]
    public void An_amount_the_event_does_not_itemise_is_recorded_under_the_charge_and_its_total()
    {
        var order = Paid(2_400);
        order.Refunded(400, null, "re_numi", Now);

        var missing = ReportedRefunds.Missing(order, [], 1_000, "ch_1");

        Assert.Equal([new ReportedRefund("ch_1@1000", 600, null)], missing);
    }

    [Fact]
    public void Never_more_than_the_order_total()
    {
        var order = Paid(1_000);

        var missing = ReportedRefunds.Missing(order, [new("re_1", 1_500, null)], 1_500, "ch_1");

        Assert.Equal(1_000, Assert.Single(missing).Amount);
    }
}

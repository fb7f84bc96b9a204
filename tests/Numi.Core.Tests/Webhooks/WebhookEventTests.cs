using Numi.Core.Tests.Orders;
using Numi.Core.Webhooks;

namespace Numi.Core.Tests.Webhooks;

/// <summary>Retry backoff of stored events and a dispute on the order. (Reading Stripe's events is Stripe.net's, tested
/// in Numi.Infrastructure.Tests/Stripe.)</summary>
public sealed class WebhookEventTests
{
    [Fact]
    public void Retries_wait_30_seconds_doubling_to_at_most_two_hours()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), WebhookEvent.RetryDelay(1));
        Assert.Equal(TimeSpan.FromMinutes(1), WebhookEvent.RetryDelay(2));
        Assert.Equal(TimeSpan.FromMinutes(4), WebhookEvent.RetryDelay(4));
        Assert.Equal(TimeSpan.FromHours(2), WebhookEvent.RetryDelay(WebhookEvent.MaxAttempts));
        Assert.False(WebhookEvent.Abandoned(null, WebhookEvent.MaxAttempts - 1));
        Assert.True(WebhookEvent.Abandoned(null, WebhookEvent.MaxAttempts));
        Assert.False(WebhookEvent.Abandoned(DateTime.UtcNow, WebhookEvent.MaxAttempts));
    }

    [Fact]
    public void A_dispute_is_recorded_once()
    {
        var now = PaidOrders.Now;
        var order = PaidOrders.Paid(2_400);

        Assert.True(order.Disputed("dp_1", 2_400, " fraudulent ", now));
        Assert.False(order.Disputed("dp_1", 2_400, "fraudulent", now.AddHours(1)));

        Assert.Equal(("dp_1", 2_400L, "fraudulent", now), (order.DisputeId, order.DisputeAmount!.Value, order.DisputeReason, order.DisputedAt!.Value));
    }
}

using Numi.Core.Tests.Orders;
using Numi.Core.Webhooks;

namespace Numi.Core.Tests.Webhooks;

/// <summary>Reading stored events, the decline a failed payment records, retry backoff and a dispute on the order.</summary>
public sealed class StripeEventTests
{
    private const string Failed = """
        {"id":"evt_1","type":"payment_intent.payment_failed","data":{"object":{"id":"pi_1","amount":2400,
         "metadata":{"numi_checkout_session":"cs_0193"},"last_payment_error":{"code":"card_declined","decline_code":"insufficient_funds"}}}}
        """;

    [Fact]
    public void Fields_are_read_from_data_object_and_anything_missing_or_of_another_kind_is_null()
    {
        var stripeEvent = StripeEvent.Parse(Failed);

        Assert.Equal(("evt_1", "payment_intent.payment_failed"), (stripeEvent.Id, stripeEvent.Type));
        Assert.Equal("pi_1", stripeEvent.Text("id"));
        Assert.Equal("cs_0193", stripeEvent.Text("metadata", CheckoutOfIntent.MetadataKey));
        Assert.Equal(2400, stripeEvent.Number("amount"));
        Assert.Null(stripeEvent.Text("amount"));
        Assert.Null(stripeEvent.Number("metadata", "missing"));
        Assert.Empty(stripeEvent.List("refunds", "data"));
    }

    [Fact]
    public void An_event_without_data_reads_as_empty()
    {
        var stripeEvent = StripeEvent.Parse("""{"id":"evt_2","type":"ping"}""");

        Assert.Null(stripeEvent.Text("id"));
        Assert.Empty(stripeEvent.List("refunds", "data"));
    }

    [Theory]
    [InlineData("""{"last_payment_error":{"code":"card_declined","decline_code":"insufficient_funds"}}""", "insufficient_funds")]
    [InlineData("""{"last_payment_error":{"code":"payment_intent_authentication_failure"}}""", "payment_intent_authentication_failure")]
    [InlineData("""{}""", "generic_decline")]
    public void A_failed_payment_records_Stripes_decline_code_else_its_error_code(string intent, string expected)
    {
        var stripeEvent = StripeEvent.Parse("""{"id":"evt_3","type":"payment_intent.payment_failed","data":{"object":""" + intent + "}}");

        Assert.Equal(expected, PaymentIntentPaymentFailedHandler.DeclineCode(stripeEvent));
    }

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

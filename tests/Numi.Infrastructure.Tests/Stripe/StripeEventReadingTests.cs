using Numi.Core.Webhooks;
using Numi.Infrastructure.Stripe.Webhooks;
using Stripe;
using StripeEvent = Stripe.Event;

namespace Numi.Infrastructure.Tests.Stripe;

/// <summary>Stored events read by Stripe.net into typed objects, whatever API version they were sent with, and
/// dispatched to the handler of their type.</summary>
public sealed class StripeEventReadingTests
{
    private const string Failed = """
        {"id":"evt_1","object":"event","api_version":"2024-06-20","type":"payment_intent.payment_failed","data":{"object":{"id":"pi_1",
         "object":"payment_intent","amount":2400,"currency":"usd","metadata":{"numi_checkout_session":"cs_0193"},
         "last_payment_error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds"}}}}
        """;

    [Fact]
    public void An_event_of_an_older_API_version_is_read_into_Stripe_nets_typed_objects()
    {
        var stripeEvent = StripeEvents.TryRead(Failed);

        Assert.NotNull(stripeEvent);
        Assert.Equal(("evt_1", "payment_intent.payment_failed", "2024-06-20"), (stripeEvent.Id, stripeEvent.Type, stripeEvent.ApiVersion));
        var intent = Assert.IsType<PaymentIntent>(stripeEvent.Data.Object);
        Assert.Equal(("pi_1", 2400L, "cs_0193"), (intent.Id, intent.Amount, intent.Metadata[CheckoutOfIntent.MetadataKey]));
        Assert.Equal("insufficient_funds", intent.LastPaymentError.DeclineCode);
        // Stripe.net itself would refuse this event for its version; Numi reads it on purpose (see StripeEvents).
        Assert.ThrowsAny<StripeException>(() => EventUtility.ParseEvent(Failed));
    }

    [Fact]
    public void A_charge_and_a_dispute_are_read_with_their_refunds_and_payment_intent()
    {
        var charge = StripeEvents.TryRead("""
            {"id":"evt_2","object":"event","type":"charge.refunded","data":{"object":{"id":"ch_1","object":"charge","payment_intent":"pi_1",
             "currency":"usd","amount_refunded":700,"refunds":{"object":"list","data":[{"id":"re_1","object":"refund","amount":700,"status":"succeeded"}]}}}}
            """)!.Data.Object as Charge;
        var dispute = StripeEvents.TryRead("""
            {"id":"evt_3","object":"event","type":"charge.dispute.created","data":{"object":{"id":"dp_1","object":"dispute","payment_intent":"pi_1",
             "amount":2400,"reason":"fraudulent"}}}
            """)!.Data.Object as Dispute;

        Assert.Equal(("pi_1", 700L, "re_1"), (charge!.PaymentIntentId, charge.AmountRefunded, Assert.Single(charge.Refunds.Data).Id));
        Assert.Equal(("dp_1", "pi_1", 2400L, "fraudulent"), (dispute!.Id, dispute.PaymentIntentId, dispute.Amount, dispute.Reason));
    }

    [Theory]
    [InlineData("""{"hello":"world"}""")]
    [InlineData("""{"id":"evt_4"}""")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void A_body_that_is_no_event_reads_as_nothing(string payload) => Assert.Null(StripeEvents.TryRead(payload));

    [Fact]
    public void The_envelope_is_the_top_level_id_and_type_whatever_is_nested_or_in_which_order()
    {
        Assert.Equal(("evt_1", "payment_intent.payment_failed"), StripeEvents.TryReadEnvelope(System.Text.Encoding.UTF8.GetBytes(Failed)));
        Assert.Equal(("evt_5", "charge.succeeded"), StripeEvents.TryReadEnvelope(
            """{"data":{"object":{"id":"ch_1","type":"card"}},"type":"charge.succeeded","request":{"id":"req_1"},"id":"evt_5"}"""u8));
    }

    [Theory]
    [InlineData("""{"hello":"world"}""")]
    [InlineData("""{"id":"evt_4"}""")]
    [InlineData("""{"type":"charge.succeeded","data":{"id":"evt_4"}}""")]
    [InlineData("""{"id":4,"type":"charge.succeeded"}""")]
    [InlineData("""{"id":"evt_4","type":null}""")]
    [InlineData("""{"id":"","type":"charge.succeeded"}""")]
    [InlineData("""{"id":"evt_4","type":"charge.succeeded" """)]
    [InlineData("""{"id":"evt_4","type":"charge.succeeded"} trailing""")]
    [InlineData("""{"id":"evt_4","type":"charge.succeeded","data":{"object":}""")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public void A_body_that_is_not_a_whole_json_event_has_no_envelope(string payload) =>
        Assert.Null(StripeEvents.TryReadEnvelope(System.Text.Encoding.UTF8.GetBytes(payload)));

    [Theory]
    [InlineData("""{"code":"card_declined","decline_code":"insufficient_funds"}""", "insufficient_funds")]
    [InlineData("""{"code":"payment_intent_authentication_failure"}""", "payment_intent_authentication_failure")]
    [InlineData("null", "generic_decline")]
    public void A_failed_payment_records_Stripes_decline_code_else_its_error_code(string error, string expected)
    {
        var stripeEvent = StripeEvents.TryRead("""{"id":"evt_5","object":"event","type":"payment_intent.payment_failed","data":{"object":{"id":"pi_5","object":"payment_intent","last_payment_error":""" + error + "}}}");

        Assert.Equal(expected, PaymentIntentPaymentFailedHandler.DeclineCode((PaymentIntent)stripeEvent!.Data.Object));
    }

    private sealed class Recording(string type) : IStripeEventHandler
    {
        public List<StripeEvent> Seen { get; } = [];
        public string Type => type;

        public Task<WebhookHandling> HandleAsync(StripeEvent stripeEvent, CancellationToken ct)
        {
            Seen.Add(stripeEvent);
            return Task.FromResult(WebhookHandling.Applied(type));
        }
    }

    [Fact]
    public async Task The_dispatcher_hands_each_type_to_its_handler_and_keeps_others_without_acting()
    {
        var failed = new Recording("payment_intent.payment_failed");
        var refunded = new Recording("charge.refunded");
        var dispatcher = new StripeEventDispatcher([failed, refunded]);
        WebhookEvent Stored(string type, string payload) => WebhookEvent.Receive(Guid.NewGuid(), "stripe", "evt_1", type, payload, DateTime.UtcNow);

        var handled = await dispatcher.DispatchAsync(Stored("payment_intent.payment_failed", Failed), default);
        var ignored = await dispatcher.DispatchAsync(Stored("customer.created", """{"id":"evt_6","object":"event","type":"customer.created"}"""), default);
        var unreadable = await dispatcher.DispatchAsync(Stored("charge.refunded", "not json"), default);

        Assert.Equal((true, "payment_intent.payment_failed"), (handled.Done, handled.Note));
        Assert.Equal("pi_1", ((PaymentIntent)Assert.Single(failed.Seen).Data.Object).Id);
        Assert.Equal((true, false), (ignored.Done, ignored.Changed));
        Assert.Contains("does not act", ignored.Note);
        Assert.Equal((true, false), (unreadable.Done, unreadable.Changed));
        Assert.Empty(refunded.Seen);
    }
}

using Numi.Core.Payments;
using Numi.Infrastructure.Stripe;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Stripe;

/// <summary>Stripe.net's network retries (<c>MaxNetworkRetries</c>) against a fake Stripe that drops the connection, loses
/// its answer after doing the work, answers 500 or 409: every retry carries the same Idempotency-Key and body, so each
/// payment, customer and refund happens once.</summary>
public sealed class StripeRetryTests : FakeStripeTest
{
    [Theory]
    [InlineData(FakeStripeServer.Failure.DropConnection)]
    [InlineData(FakeStripeServer.Failure.LoseAnswer)]
    [InlineData(FakeStripeServer.Failure.ServerError)]
    public async Task A_failed_payment_intent_call_is_retried_with_the_same_idempotency_key_and_charges_once(FakeStripeServer.Failure failure)
    {
        Stripe.FailNext(failure, "POST", "/v1/payment_intents");

        var outcome = await Gateway().ChargeAsync(Charge("pm_card_visa", "cs_retry-1"), CancellationToken.None);

        Assert.Equal(ChargeStatus.Succeeded, outcome.Status);
        var tries = Stripe.Posts("/v1/payment_intents").ToList();
        Assert.Equal(2, tries.Count);
        Assert.All(tries, t => Assert.Equal("cs_retry-1", t.IdempotencyKey));
        Assert.Equal(tries[0].Form, tries[1].Form);
        // Even when Stripe charged and only its answer was lost, the retry gets that charge back: one intent.
        Assert.Equal(1, Stripe.IntentCount);
    }

    [Theory]
    [InlineData(FakeStripeServer.Failure.DropConnection)]
    [InlineData(FakeStripeServer.Failure.LoseAnswer)]
    [InlineData(FakeStripeServer.Failure.ServerError)]
    public async Task A_failed_refund_call_is_retried_with_the_same_key_and_refunds_once(FakeStripeServer.Failure failure)
    {
        var gateway = Gateway();
        var paid = await gateway.ChargeAsync(Charge("pm_card_visa", "cs_refund-1"), CancellationToken.None);
        Stripe.FailNext(failure, "POST", "/v1/refunds");

        var refund = await gateway.RefundAsync(paid.PaymentIntentId!, 700, "ord_9-refund-1", CancellationToken.None);

        Assert.True(refund.Succeeded);
        var tries = Stripe.Posts("/v1/refunds").ToList();
        Assert.Equal(2, tries.Count);
        Assert.All(tries, t => Assert.Equal("ord_9-refund-1", t.IdempotencyKey));
        Assert.Equal(1, Stripe.RefundCount);
    }

    [Fact]
    public async Task Without_network_retries_a_lost_answer_is_unavailable_not_a_decline()
    {
        Stripe.FailNext(FakeStripeServer.Failure.LoseAnswer, "POST", "/v1/payment_intents");
        var gateway = Gateway(maxNetworkRetries: 0);

        await Assert.ThrowsAsync<StripeUnavailableException>(() => gateway.ChargeAsync(Charge("pm_card_visa", "cs_once-1"), CancellationToken.None));

        // Stripe did charge: the shopper's next try with the same attempt key gets that charge, not a second one.
        Assert.Single(Stripe.Posts("/v1/payment_intents"));
        var again = await Gateway().ChargeAsync(Charge("pm_card_visa", "cs_once-1"), CancellationToken.None);
        Assert.Equal(ChargeStatus.Succeeded, again.Status);
        Assert.Equal(1, Stripe.IntentCount);
    }

    [Fact]
    public async Task A_failed_customer_call_is_retried_with_its_own_key()
    {
        Stripe.FailNext(FakeStripeServer.Failure.LoseAnswer, "GET", "/v1/customers");
        Stripe.FailNext(FakeStripeServer.Failure.LoseAnswer, "POST", "/v1/customers");

        var outcome = await Gateway().ChargeAsync(Charge("pm_card_visa", "cs_customer-1"), CancellationToken.None);

        Assert.Equal(ChargeStatus.Succeeded, outcome.Status);
        // The lookup (a GET, no key) lost its answer and was asked again; the creation lost its answer and was sent again
        // with the same key, which made no second customer.
        Assert.Equal(2, Stripe.Requests.Count(r => r.Method == "GET" && r.Path == "/v1/customers"));
        var creations = Stripe.Posts("/v1/customers").ToList();
        Assert.Equal(2, creations.Count);
        Assert.All(creations, c => Assert.Equal(creations[0].IdempotencyKey, c.IdempotencyKey));
        Assert.Equal(creations[0].Form, creations[1].Form);
        Assert.Single(Stripe.CustomersWith("shopper@example.test"));
    }

    [Fact]
    public async Task A_key_still_in_use_by_another_request_is_tried_again_with_the_same_key()
    {
        Stripe.FailNext(FakeStripeServer.Failure.KeyInUse, "POST", "/v1/customers");

        var outcome = await Gateway().ChargeAsync(Charge("pm_card_visa", "cs_conflict-1"), CancellationToken.None);

        Assert.Equal(ChargeStatus.Succeeded, outcome.Status);
        var creations = Stripe.Posts("/v1/customers").ToList();
        Assert.Equal(2, creations.Count);
        Assert.Equal(creations[0].IdempotencyKey, creations[1].IdempotencyKey);
        Assert.Single(Stripe.CustomersWith("shopper@example.test"));
    }

    [Fact]
    public async Task A_key_reused_with_other_parameters_is_not_a_decline_so_the_shopper_is_not_charged_twice()
    {
        // The first try was charged but its answer was lost; the shopper's retry brings a new card token under the
        // same attempt's key. Stripe refuses it (idempotency_error): Numi must hold the attempt, not call it declined
        // and move on to a new key that would charge again.
        var gateway = Gateway();
        Assert.Equal(ChargeStatus.Succeeded, (await gateway.ChargeAsync(Charge("pm_card_visa", "cs_lost-1"), CancellationToken.None)).Status);

        await Assert.ThrowsAsync<StripeUnavailableException>(() => gateway.ChargeAsync(Charge("pm_card_mastercard", "cs_lost-1"), CancellationToken.None));

        Assert.Equal(1, Stripe.IntentCount);
    }

    [Fact]
    public async Task When_Stripe_stays_down_the_charge_fails_loudly_after_a_few_tries()
    {
        Stripe.FailNext(FakeStripeServer.Failure.ServerError, "POST", "/v1/payment_intents", 3);

        await Assert.ThrowsAsync<StripeUnavailableException>(() => Gateway().ChargeAsync(Charge("pm_card_visa", "cs_down-1"), CancellationToken.None));

        Assert.Equal(3, Stripe.Posts("/v1/payment_intents").Count());
        Assert.Equal(0, Stripe.IntentCount);
    }
}

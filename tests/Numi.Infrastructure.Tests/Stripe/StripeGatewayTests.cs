using Numi.Core.Common;
using Numi.Core.Payments;
using Numi.Infrastructure.Stripe;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Stripe;

/// <summary>The Stripe adapter (Stripe.net) against a local fake Stripe that records what Numi sends: the form encoding,
/// the key, Stripe.net's pinned version, an idempotency key on every POST (the same one on every retry of Stripe.net's),
/// and Stripe's answers mapped to outcomes.</summary>
public sealed class StripeGatewayTests : FakeStripeTest
{
    [Fact]
    public async Task A_checkout_charge_sends_a_form_encoded_confirmed_intent_with_metadata_and_saves_the_card()
    {
        var outcome = await Gateway().ChargeAsync(Charge("pm_card_visa"), CancellationToken.None);

        Assert.Equal(ChargeStatus.Succeeded, outcome.Status);
        Assert.StartsWith("pi_fake", outcome.PaymentIntentId);
        Assert.Equal(("pm_card_visa", "visa", "4242", 1500L, "usd"), (outcome.PaymentMethod, outcome.CardBrand, outcome.CardLast4, outcome.Amount!.Value, outcome.Currency));
        var intent = Assert.Single(Stripe.Posts("/v1/payment_intents"));
        Assert.Equal("1500", intent.Field("amount"));
        Assert.Equal("usd", intent.Field("currency"));
        Assert.Equal("pm_card_visa", intent.Field("payment_method"));
        Assert.Equal(["card"], intent.List("allowed_payment_method_types"));
        Assert.Equal("true", intent.Field("confirm"));
        Assert.Equal("off_session", intent.Field("setup_future_usage"));
        Assert.Null(intent.Field("off_session"));
        Assert.Equal("cs_0001", intent.Field("metadata[numi_checkout_session]"));
        Assert.Equal(PublicId.Format(IdPrefixes.Organization, Organization), intent.Field("metadata[numi_organization]"));
        Assert.Equal(["payment_method"], intent.List("expand"));
        Assert.StartsWith("cus_fake", intent.Field("customer"));
        Assert.Equal("cs_0001-1", intent.IdempotencyKey);
        // The customer is looked up by its lower-cased email, then made once.
        var customer = Assert.Single(Stripe.Posts("/v1/customers"));
        Assert.Equal("shopper@example.test", customer.Field("email"));
        var lookup = Assert.Single(Stripe.Requests, r => r.Method == "GET" && r.Path == "/v1/customers");
        Assert.Equal(("shopper@example.test", "100"), (lookup.QueryField("email"), lookup.QueryField("limit")));
        Assert.Contains("email=shopper%40example.test", lookup.Query);
        Assert.All(Stripe.Requests, r =>
        {
            Assert.Equal("Bearer " + Key, r.Authorization);
            Assert.Equal(FakeStripeServer.PinnedVersion, r.StripeVersion);
        });
        // The version is Stripe.net's own: a Stripe.net upgrade that moves it must be looked at (README, fake Stripe).
        Assert.Equal(FakeStripeServer.PinnedVersion, global::Stripe.StripeConfiguration.ApiVersion);
    }

    [Fact]
    public async Task Saving_a_card_confirms_an_off_session_setup_intent_for_the_customer_and_charges_nothing()
    {
        var saved = await Gateway().SaveCardAsync(new SaveCardRequest("Shopper@Example.test", "sub_1-card-1", "pm_card_chargeCustomerFail", null), CancellationToken.None);

        Assert.Equal((ChargeStatus.Succeeded, "pm_card_chargeCustomerFail", "visa", "0341"), (saved.Status, saved.PaymentMethod, saved.CardBrand, saved.CardLast4));
        var setup = Assert.Single(Stripe.Posts("/v1/setup_intents"));
        Assert.Equal(("pm_card_chargeCustomerFail", "off_session", "true", "sub_1-card-1"),
            (setup.Field("payment_method"), setup.Field("usage"), setup.Field("confirm"), setup.IdempotencyKey));
        Assert.StartsWith("cus_fake", setup.Field("customer"));
        Assert.Equal(PublicId.Format(IdPrefixes.Organization, Organization), setup.Field("metadata[numi_organization]"));
        Assert.Empty(Stripe.Posts("/v1/payment_intents"));
    }

    [Theory]
    [InlineData("pm_card_chargeDeclinedInsufficientFunds", ChargeStatus.Declined, "insufficient_funds", null)]
    [InlineData("pm_card_chargeDeclined", ChargeStatus.Declined, "generic_decline", null)]
    [InlineData("pm_nope", ChargeStatus.InvalidCard, null, "payment_method")]
    public async Task A_card_stripe_refuses_to_keep_is_its_decline_or_its_field(string method, ChargeStatus status, string? declineCode, string? param)
    {
        var saved = await Gateway().SaveCardAsync(new SaveCardRequest("shopper@example.test", "k-" + method, method, null), CancellationToken.None);

        Assert.Equal((status, declineCode, param), (saved.Status, saved.DeclineCode, saved.Param));
        Assert.False(saved.Succeeded);
    }

    [Fact]
    public async Task Card_numbers_are_never_sent_to_stripe_when_saving_a_card()
    {
        var saved = await Gateway().SaveCardAsync(new SaveCardRequest("shopper@example.test", "k", null, new CardDetails("4242424242424242", 12, 2030, "123")), CancellationToken.None);

        Assert.Equal((ChargeStatus.InvalidCard, "payment_method"), (saved.Status, saved.Param));
        Assert.Empty(Stripe.Requests);
    }

    [Fact]
    public async Task Every_POST_carries_an_idempotency_key_of_its_own()
    {
        var paid = await Gateway().ChargeAsync(Charge("pm_card_visa"), CancellationToken.None);
        await Gateway().RefundAsync(paid.PaymentIntentId!, 500, "refund-1", CancellationToken.None);

        var posts = Stripe.Requests.Where(r => r.Method == "POST").ToList();
        Assert.True(posts.Count >= 3);
        Assert.All(posts, p => Assert.False(string.IsNullOrEmpty(p.IdempotencyKey), $"POST {p.Path} has no Idempotency-Key."));
        Assert.Equal(posts.Count, posts.Select(p => p.IdempotencyKey).Distinct().Count());
        Assert.All(Stripe.Requests.Where(r => r.Method == "GET"), g => Assert.Null(g.IdempotencyKey));
    }

    [Fact]
    public async Task Organizations_sharing_a_Stripe_account_never_share_its_customers()
    {
        var other = Guid.CreateVersion7();
        Assert.Equal(ChargeStatus.Succeeded, (await Gateway().ChargeAsync(Charge("pm_card_visa", "cs_ours-1"), CancellationToken.None)).Status);

        var theirs = await Gateway(organization: other).ChargeAsync(Charge("pm_card_visa", "cs_theirs-1"), CancellationToken.None);
        var ours = await Gateway().ChargeAsync(Charge("pm_card_visa", "cs_ours-2"), CancellationToken.None);

        Assert.Equal(ChargeStatus.Succeeded, theirs.Status);
        var customers = Stripe.CustomersWith("shopper@example.test");
        Assert.Equal(2, customers.Count);
        var paidWith = Stripe.Posts("/v1/payment_intents").Select(p => p.Field("customer")).ToList();
        Assert.Equal([customers[0], customers[1], customers[0]], paidWith);
        Assert.Equal(ChargeStatus.Succeeded, ours.Status);
    }

    [Fact]
    public async Task Two_first_checkouts_of_one_shopper_at_the_same_moment_make_one_Stripe_customer()
    {
        // Both look the shopper up before either has created them: both find nobody.
        Stripe.Gather("GET", "/v1/customers", 2);
        Stripe.Gather("POST", "/v1/customers", 2);

        var outcomes = await Task.WhenAll(
            Gateway().ChargeAsync(Charge("pm_card_visa", "cs_first-1"), CancellationToken.None),
            Gateway().ChargeAsync(Charge("pm_card_visa", "cs_second-1") with { CustomerEmail = "shopper@example.TEST " }, CancellationToken.None));

        Assert.All(outcomes, o => Assert.Equal(ChargeStatus.Succeeded, o.Status));
        var created = Assert.Single(Stripe.CustomersWith("shopper@example.test"));
        Assert.All(Stripe.Posts("/v1/payment_intents"), p => Assert.Equal(created, p.Field("customer")));
        // The creation's key is the organization's and the shopper's, not the checkout's, and names no email.
        var keys = Stripe.Posts("/v1/customers").Select(p => p.IdempotencyKey!).Distinct().ToList();
        Assert.StartsWith("numi-customer-" + PublicId.Format(IdPrefixes.Organization, Organization) + "-", Assert.Single(keys));
        Assert.DoesNotContain("shopper", keys[0]);
    }

    [Theory]
    [InlineData("pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds", "Your card has insufficient funds. Try another card.")]
    [InlineData("pm_card_chargeDeclined", "generic_decline", "Your card was declined. Try another card or contact your bank.")]
    public async Task A_card_decline_maps_to_its_decline_code(string method, string declineCode, string message)
    {
        var outcome = await Gateway().ChargeAsync(Charge(method), CancellationToken.None);

        Assert.Equal(ChargeStatus.Declined, outcome.Status);
        Assert.Equal(declineCode, outcome.DeclineCode);
        Assert.Equal(message, outcome.Message);
        Assert.StartsWith("pi_fake", outcome.PaymentIntentId);
    }

    [Fact]
    public async Task An_unknown_payment_method_is_an_invalid_card_naming_the_parameter()
    {
        var outcome = await Gateway().ChargeAsync(Charge("pm_nonexistent"), CancellationToken.None);

        Assert.Equal(ChargeStatus.InvalidCard, outcome.Status);
        Assert.Equal("payment_method", outcome.Param);
        Assert.Contains("No such PaymentMethod", outcome.Message);
    }

    [Fact]
    public async Task Authentication_required_answers_requires_action_with_the_client_secret_then_retrieve_sees_the_bank_answer()
    {
        var gateway = Gateway();
        var outcome = await gateway.ChargeAsync(Charge("pm_card_authenticationRequired"), CancellationToken.None);

        Assert.Equal(ChargeStatus.RequiresAction, outcome.Status);
        Assert.Equal(outcome.PaymentIntentId + "_secret_fake", outcome.ClientSecret);
        Assert.Equal(ChargeStatus.RequiresAction, (await gateway.RetrieveAsync(outcome.PaymentIntentId!, CancellationToken.None)).Status);

        Stripe.Authenticate(outcome.PaymentIntentId!, approved: true);
        var retrieved = await gateway.RetrieveAsync(outcome.PaymentIntentId!, CancellationToken.None);

        Assert.Equal(ChargeStatus.Succeeded, retrieved.Status);
        Assert.Equal((1500L, "usd"), (retrieved.Amount!.Value, retrieved.Currency));
        var get = Stripe.Requests.Last();
        Assert.Equal(("GET", "/v1/payment_intents/" + outcome.PaymentIntentId), (get.Method, get.Path));
    }

    [Fact]
    public async Task A_failed_authentication_is_a_decline()
    {
        var gateway = Gateway();
        var outcome = await gateway.ChargeAsync(Charge("pm_card_authenticationRequired"), CancellationToken.None);
        Stripe.Authenticate(outcome.PaymentIntentId!, approved: false);

        var retrieved = await gateway.RetrieveAsync(outcome.PaymentIntentId!, CancellationToken.None);

        Assert.Equal(ChargeStatus.Declined, retrieved.Status);
        Assert.Equal("payment_intent_authentication_failure", retrieved.DeclineCode);
    }

    [Fact]
    public async Task An_off_session_charge_says_so_and_does_not_ask_to_save_the_card_again()
    {
        var outcome = await Gateway().ChargeAsync(Charge("pm_card_visa", "cs_upsell-1", offSession: true), CancellationToken.None);

        Assert.Equal(ChargeStatus.Succeeded, outcome.Status);
        var intent = Assert.Single(Stripe.Posts("/v1/payment_intents"));
        Assert.Equal("true", intent.Field("off_session"));
        Assert.Null(intent.Field("setup_future_usage"));
    }

    [Fact]
    public async Task Off_session_authentication_required_is_a_decline()
    {
        var outcome = await Gateway().ChargeAsync(Charge("pm_card_authenticationRequired", "cs_upsell-2", offSession: true), CancellationToken.None);

        Assert.Equal(ChargeStatus.Declined, outcome.Status);
        Assert.Equal("authentication_required", outcome.DeclineCode);
    }

    [Fact]
    public async Task A_refund_posts_the_intent_and_amount_under_the_given_key()
    {
        var gateway = Gateway();
        var paid = await gateway.ChargeAsync(Charge("pm_card_visa"), CancellationToken.None);

        var refund = await gateway.RefundAsync(paid.PaymentIntentId!, 700, "ord_1-refund-1", CancellationToken.None);

        Assert.True(refund.Succeeded);
        Assert.StartsWith("re_fake", refund.RefundId);
        var sent = Assert.Single(Stripe.Posts("/v1/refunds"));
        Assert.Equal((paid.PaymentIntentId, "700", "ord_1-refund-1"), (sent.Field("payment_intent"), sent.Field("amount"), sent.IdempotencyKey));
        var refused = await gateway.RefundAsync("pi_unknown", 700, "ord_1-refund-2", CancellationToken.None);
        Assert.False(refused.Succeeded);
        Assert.Contains("No such payment_intent", refused.Message);
    }

    [Fact]
    public async Task Card_numbers_are_never_sent_to_Stripe()
    {
        var outcome = await Gateway().ChargeAsync(new ChargeRequest(1500, "usd", "cs_card-1", null, new CardDetails("4242424242424242", 12, 2030, "123"),
            "shopper@example.test"), CancellationToken.None);

        Assert.Equal(ChargeStatus.InvalidCard, outcome.Status);
        Assert.Equal("payment_method", outcome.Param);
        Assert.Empty(Stripe.Requests);
    }

    [Fact]
    public async Task Another_organizations_payment_intent_is_not_found_even_on_a_shared_account()
    {
        var paid = await Gateway().ChargeAsync(Charge("pm_card_visa"), CancellationToken.None);

        var other = await Gateway(organization: Guid.CreateVersion7()).RetrieveAsync(paid.PaymentIntentId!, CancellationToken.None);
        var otherAccount = await Gateway(key: "sk_test_bravoaccount000002").RetrieveAsync(paid.PaymentIntentId!, CancellationToken.None);

        Assert.Equal((ChargeStatus.InvalidCard, "payment_intent"), (other.Status, other.Param));
        Assert.Equal((ChargeStatus.InvalidCard, "payment_intent"), (otherAccount.Status, otherAccount.Param));
    }

    [Fact]
    public async Task The_key_check_asks_Stripe_for_the_balance_and_explains_a_refusal()
    {
        var check = new StripeAccountCheck(Stripe.Clients());

        Assert.Null(await check.ProblemAsync(Key, CancellationToken.None));
        var problem = await check.ProblemAsync(FakeStripeServer.RefusedKey, CancellationToken.None);

        Assert.Equal("Stripe refused this secret key: Invalid API Key provided.", problem);
        Assert.All(Stripe.Requests, r => Assert.Equal(("GET", "/v1/balance"), (r.Method, r.Path)));
        Assert.Equal(["Bearer " + Key, "Bearer " + FakeStripeServer.RefusedKey], Stripe.Requests.Select(r => r.Authorization));

        // Stripe down is not the key's fault, and says so.
        Stripe.FailNext(FakeStripeServer.Failure.ServerError, "GET", "/v1/balance", 3);
        Assert.Equal("Stripe could not check this key right now (it answered 500). Try again in a moment.", await check.ProblemAsync(Key, CancellationToken.None));
    }
}

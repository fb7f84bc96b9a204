using Numi.Core.Common;
using Numi.Core.Payments;
using Numi.Infrastructure.Stripe;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Stripe;

/// <summary>The Stripe adapter against a local fake Stripe that records what Numi sends: the form encoding, the key,
/// the pinned version, an idempotency key on every POST (the same one on every retry), and Stripe's answers mapped to
/// outcomes.</summary>
public sealed class StripeGatewayTests : IAsyncLifetime
{
    private const string Key = "sk_test_alphaaccount000001";
    private static readonly Guid Organization = Guid.CreateVersion7();
    private FakeStripeServer _stripe = null!;

    public async Task InitializeAsync() => _stripe = await FakeStripeServer.StartAsync();

    public async Task DisposeAsync() => await _stripe.DisposeAsync();

    /// <summary>An organization whose shoppers have no customer in Numi yet (the database's links have their own tests).</summary>
    private sealed class NoCustomersYet : IStripeCustomerLinks
    {
        public Task<string?> LinkedAsync(string emailKey, CancellationToken ct) => Task.FromResult<string?>(null);

        public Task<string> LinkAsync(string emailKey, string stripeCustomerId, CancellationToken ct) => Task.FromResult(stripeCustomerId);
    }

    private StripeGateway Gateway(string key = Key, Guid? organization = null) =>
        new(new StripeApi(new StripeClient(new HttpClient { BaseAddress = _stripe.Address }, key,
            new StripeOptions { RetryDelay = TimeSpan.FromMilliseconds(5) })), organization ?? Organization, new NoCustomersYet());

    private static ChargeRequest Charge(string method, string key = "cs_0001-1", bool offSession = false) =>
        new(1500, "usd", key, method, null, "Shopper@Example.test", offSession, "Coffee Club", "cs_0001");

    [Fact]
    public async Task A_checkout_charge_sends_a_form_encoded_confirmed_intent_with_metadata_and_saves_the_card()
    {
        var outcome = await Gateway().ChargeAsync(Charge("pm_card_visa"), CancellationToken.None);

        Assert.Equal(ChargeStatus.Succeeded, outcome.Status);
        Assert.StartsWith("pi_fake", outcome.PaymentIntentId);
        Assert.Equal(("pm_card_visa", "visa", "4242", 1500L, "usd"), (outcome.PaymentMethod, outcome.CardBrand, outcome.CardLast4, outcome.Amount!.Value, outcome.Currency));
        var intent = Assert.Single(_stripe.Posts("/v1/payment_intents"));
        Assert.Equal("1500", intent.Field("amount"));
        Assert.Equal("usd", intent.Field("currency"));
        Assert.Equal("pm_card_visa", intent.Field("payment_method"));
        Assert.Equal("card", intent.Field("payment_method_types[]"));
        Assert.Equal("true", intent.Field("confirm"));
        Assert.Equal("off_session", intent.Field("setup_future_usage"));
        Assert.Null(intent.Field("off_session"));
        Assert.Equal("cs_0001", intent.Field("metadata[numi_checkout_session]"));
        Assert.Equal(PublicId.Format(IdPrefixes.Organization, Organization), intent.Field("metadata[numi_organization]"));
        Assert.Equal("payment_method", intent.Field("expand[]"));
        Assert.StartsWith("cus_fake", intent.Field("customer"));
        Assert.Equal("cs_0001-1", intent.IdempotencyKey);
        // The customer is looked up by its lower-cased email, then made once.
        var customer = Assert.Single(_stripe.Posts("/v1/customers"));
        Assert.Equal("shopper@example.test", customer.Field("email"));
        Assert.Contains(_stripe.Requests, r => r.Method == "GET" && r.Path == "/v1/customers" && r.Query.Contains("email=shopper%40example.test"));
        Assert.All(_stripe.Requests, r =>
        {
            Assert.Equal("Bearer " + Key, r.Authorization);
            Assert.Equal(StripeOptions.ApiVersion, r.StripeVersion);
        });
    }

    [Fact]
    public async Task Every_POST_carries_an_idempotency_key_of_its_own()
    {
        var paid = await Gateway().ChargeAsync(Charge("pm_card_visa"), CancellationToken.None);
        await Gateway().RefundAsync(paid.PaymentIntentId!, 500, "refund-1", CancellationToken.None);

        var posts = _stripe.Requests.Where(r => r.Method == "POST").ToList();
        Assert.True(posts.Count >= 3);
        Assert.All(posts, p => Assert.False(string.IsNullOrEmpty(p.IdempotencyKey), $"POST {p.Path} has no Idempotency-Key."));
        Assert.Equal(posts.Count, posts.Select(p => p.IdempotencyKey).Distinct().Count());
        Assert.All(_stripe.Requests.Where(r => r.Method == "GET"), g => Assert.Null(g.IdempotencyKey));
    }

    [Theory]
    [InlineData(FakeStripeServer.Failure.DropConnection)]
    [InlineData(FakeStripeServer.Failure.LoseAnswer)]
    [InlineData(FakeStripeServer.Failure.ServerError)]
    public async Task A_failed_payment_intent_call_is_retried_with_the_same_idempotency_key_and_charges_once(FakeStripeServer.Failure failure)
    {
        _stripe.FailNext(failure, "POST", "/v1/payment_intents");

        var outcome = await Gateway().ChargeAsync(Charge("pm_card_visa", "cs_retry-1"), CancellationToken.None);

        Assert.Equal(ChargeStatus.Succeeded, outcome.Status);
        var tries = _stripe.Posts("/v1/payment_intents").ToList();
        Assert.Equal(2, tries.Count);
        Assert.All(tries, t => Assert.Equal("cs_retry-1", t.IdempotencyKey));
        Assert.Equal(tries[0].Form, tries[1].Form);
        // Even when Stripe charged and only its answer was lost, the retry gets that charge back: one intent.
        Assert.Equal(1, _stripe.IntentCount);
    }

    [Fact]
    public async Task A_failed_customer_call_is_retried_with_its_own_key()
    {
        _stripe.FailNext(FakeStripeServer.Failure.LoseAnswer, "GET", "/v1/customers");
        _stripe.FailNext(FakeStripeServer.Failure.LoseAnswer, "POST", "/v1/customers");

        var outcome = await Gateway().ChargeAsync(Charge("pm_card_visa", "cs_customer-1"), CancellationToken.None);

        Assert.Equal(ChargeStatus.Succeeded, outcome.Status);
        // The lookup (a GET, no key) lost its answer and was asked again; the creation lost its answer and was sent again
        // with the same key, which made no second customer.
        Assert.Equal(2, _stripe.Requests.Count(r => r.Method == "GET" && r.Path == "/v1/customers"));
        var creations = _stripe.Posts("/v1/customers").ToList();
        Assert.Equal(2, creations.Count);
        Assert.All(creations, c => Assert.Equal(creations[0].IdempotencyKey, c.IdempotencyKey));
        Assert.Equal(creations[0].Form, creations[1].Form);
        Assert.Single(_stripe.CustomersWith("shopper@example.test"));
    }

    [Fact]
    public async Task Two_first_checkouts_of_one_shopper_at_the_same_moment_make_one_Stripe_customer()
    {
        // Both look the shopper up before either has created them: both find nobody.
        _stripe.Gather("GET", "/v1/customers", 2);
        _stripe.Gather("POST", "/v1/customers", 2);

        var outcomes = await Task.WhenAll(
            Gateway().ChargeAsync(Charge("pm_card_visa", "cs_first-1"), CancellationToken.None),
            Gateway().ChargeAsync(Charge("pm_card_visa", "cs_second-1") with { CustomerEmail = "shopper@example.TEST " }, CancellationToken.None));

        Assert.All(outcomes, o => Assert.Equal(ChargeStatus.Succeeded, o.Status));
        var created = Assert.Single(_stripe.CustomersWith("shopper@example.test"));
        Assert.All(_stripe.Posts("/v1/payment_intents"), p => Assert.Equal(created, p.Field("customer")));
        // The creation's key is the organization's and the shopper's, not the checkout's, and names no email.
        var keys = _stripe.Posts("/v1/customers").Select(p => p.IdempotencyKey!).Distinct().ToList();
        Assert.StartsWith("numi-customer-" + PublicId.Format(IdPrefixes.Organization, Organization) + "-", Assert.Single(keys));
        Assert.DoesNotContain("shopper", keys[0]);
    }

    [Fact]
    public async Task A_key_still_in_use_by_another_request_is_tried_again_with_the_same_key()
    {
        _stripe.FailNext(FakeStripeServer.Failure.KeyInUse, "POST", "/v1/customers");

        var outcome = await Gateway().ChargeAsync(Charge("pm_card_visa", "cs_conflict-1"), CancellationToken.None);

        Assert.Equal(ChargeStatus.Succeeded, outcome.Status);
        var creations = _stripe.Posts("/v1/customers").ToList();
        Assert.Equal(2, creations.Count);
        Assert.Equal(creations[0].IdempotencyKey, creations[1].IdempotencyKey);
        Assert.Single(_stripe.CustomersWith("shopper@example.test"));
    }

    [Fact]
    public async Task When_Stripe_stays_down_the_charge_fails_loudly_after_a_few_tries()
    {
        _stripe.FailNext(FakeStripeServer.Failure.ServerError, "POST", "/v1/payment_intents", 3);

        await Assert.ThrowsAsync<StripeUnavailableException>(() => Gateway().ChargeAsync(Charge("pm_card_visa", "cs_down-1"), CancellationToken.None));

        Assert.Equal(3, _stripe.Posts("/v1/payment_intents").Count());
        Assert.Equal(0, _stripe.IntentCount);
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

        _stripe.Authenticate(outcome.PaymentIntentId!, approved: true);
        var retrieved = await gateway.RetrieveAsync(outcome.PaymentIntentId!, CancellationToken.None);

        Assert.Equal(ChargeStatus.Succeeded, retrieved.Status);
        Assert.Equal((1500L, "usd"), (retrieved.Amount!.Value, retrieved.Currency));
        var get = _stripe.Requests.Last();
        Assert.Equal(("GET", "/v1/payment_intents/" + outcome.PaymentIntentId), (get.Method, get.Path));
    }

    [Fact]
    public async Task A_failed_authentication_is_a_decline()
    {
        var gateway = Gateway();
        var outcome = await gateway.ChargeAsync(Charge("pm_card_authenticationRequired"), CancellationToken.None);
        _stripe.Authenticate(outcome.PaymentIntentId!, approved: false);

        var retrieved = await gateway.RetrieveAsync(outcome.PaymentIntentId!, CancellationToken.None);

        Assert.Equal(ChargeStatus.Declined, retrieved.Status);
        Assert.Equal("payment_intent_authentication_failure", retrieved.DeclineCode);
    }

    [Fact]
    public async Task An_off_session_charge_says_so_and_does_not_ask_to_save_the_card_again()
    {
        var outcome = await Gateway().ChargeAsync(Charge("pm_card_visa", "cs_upsell-1", offSession: true), CancellationToken.None);

        Assert.Equal(ChargeStatus.Succeeded, outcome.Status);
        var intent = Assert.Single(_stripe.Posts("/v1/payment_intents"));
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
        var sent = Assert.Single(_stripe.Posts("/v1/refunds"));
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
        Assert.Empty(_stripe.Requests);
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
        var clients = new StripeClientFactory(new FixedHttpClients(_stripe.Address), Microsoft.Extensions.Options.Options.Create(new StripeOptions()));
        var check = new StripeAccountCheck(clients);

        Assert.Null(await check.ProblemAsync(Key, CancellationToken.None));
        var problem = await check.ProblemAsync(FakeStripeServer.RefusedKey, CancellationToken.None);

        Assert.Equal("Stripe refused this secret key: Invalid API Key provided.", problem);
        Assert.All(_stripe.Requests, r => Assert.Equal(("GET", "/v1/balance"), (r.Method, r.Path)));
        Assert.Equal(["Bearer " + Key, "Bearer " + FakeStripeServer.RefusedKey], _stripe.Requests.Select(r => r.Authorization));

        // Stripe down is not the key's fault, and says so.
        _stripe.FailNext(FakeStripeServer.Failure.ServerError, "GET", "/v1/balance", 3);
        Assert.Equal("Stripe could not check this key right now (it answered 500). Try again in a moment.", await check.ProblemAsync(Key, CancellationToken.None));
    }
}

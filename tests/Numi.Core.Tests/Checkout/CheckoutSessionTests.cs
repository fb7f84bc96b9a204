using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Offers;
using Numi.Core.Tax;

namespace Numi.Core.Tests.Checkout;

/// <summary>The session's states: open, held by one payment attempt (processing), complete, expired.</summary>
public sealed class CheckoutSessionTests
{
    private static readonly DateTime Created = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private static CheckoutSession NewSession()
    {
        var price = Price.Create(Guid.CreateVersion7(), "usd", PriceSchedule.OneTime, PricingModel.PerUnit(1_500), PriceScope.List, null, null, Created);
        var offer = Offer.Create("Coffee club", "coffee-club", null, "usd", Created);
        offer.AddSlot(new SlotFields("coffee", "Coffee", price.Id, Quantity: 2));
        var selection = CheckoutCart.Defaults(offer);
        var cart = CheckoutCart.Build(offer, new Dictionary<Guid, Price> { [price.Id] = price }, selection).Value;
        return CheckoutSession.Start(offer.Id, cart, selection, "  shopper@example.com ", Created, Lifetime);
    }

    private static void AssertConflict<T>(Result<T> result)
    {
        Assert.False(result.Succeeded, "Expected a conflict, but the call succeeded.");
        Assert.Equal(ErrorCodes.StateConflict, result.FirstError.Code);
        Assert.Equal("id", result.FirstError.Param);
    }

    [Fact]
    public void Start_opens_the_session_with_the_cart_amounts_and_the_first_attempt()
    {
        var session = NewSession();

        Assert.Equal(CheckoutSessionStatus.Open, session.Status);
        Assert.Equal(3_000, session.AmountSubtotal);
        Assert.Equal(3_000, session.AmountTotal);
        Assert.Equal("usd", session.Currency);
        Assert.Equal("shopper@example.com", session.CustomerEmail);
        Assert.Equal(Created + Lifetime, session.ExpiresAt);
        Assert.Equal(1, session.PaymentAttempt);
        Assert.StartsWith("cs_", session.PublicId);
        Assert.Equal(session.PublicId + "-1", session.IdempotencyKey);
        Assert.True(session.EnsureOpen(Created).Succeeded);
    }

    [Fact]
    public void Choosing_keeps_the_name_and_percentage_of_the_rate_the_cart_was_taxed_at_and_forgets_them_when_untaxed()
    {
        var session = NewSession();
        var cart = new CheckoutCart("usd", [], 3_000);
        var vat = TaxRate.Create(new TaxRateFields("VAT", "GB", null, 20, true), Created);

        session.Choose(CheckoutTax.Apply(cart, vat).Value, session.Selection, Created);
        var taxed = (session.TaxName, session.TaxRatePpm, session.AmountTax, session.TaxIncluded);
        session.Choose(cart, session.Selection, Created);

        Assert.Equal(("VAT", (int?)200_000, 500L, true), taxed);
        Assert.Equal((null, null, 0L), (session.TaxName, session.TaxRatePpm, session.AmountTax));
    }

    [Fact]
    public void A_second_attempt_while_the_first_holds_the_session_is_a_conflict()
    {
        var session = NewSession();
        var now = Created.AddMinutes(5);

        var first = session.BeginAttempt(now);
        var second = session.BeginAttempt(now.AddSeconds(10));

        Assert.True(first.Succeeded);
        AssertConflict(second);
        Assert.Equal(CheckoutSessionStatus.Processing, session.Status);
        Assert.Equal(now, session.AttemptStartedAt);
        Assert.Equal(1, session.PaymentAttempt);
        AssertConflict(session.EnsureOpen(now.AddSeconds(10)));
    }

    [Fact]
    public void A_failed_attempt_reopens_the_session_with_the_next_attempt_number_and_a_new_idempotency_key()
    {
        var session = NewSession();
        var now = Created.AddMinutes(5);
        Assert.True(session.BeginAttempt(now).Succeeded);
        var firstKey = session.IdempotencyKey;

        session.AttemptFailed("generic_decline", now.AddSeconds(1));

        Assert.Equal(CheckoutSessionStatus.Open, session.Status);
        Assert.Equal(2, session.PaymentAttempt);
        Assert.Null(session.AttemptStartedAt);
        Assert.Equal("generic_decline", session.LastDeclineCode);
        Assert.NotEqual(firstKey, session.IdempotencyKey);
        Assert.Equal(session.PublicId + "-2", session.IdempotencyKey);

        // The shopper may try again at once, under the new key.
        Assert.True(session.BeginAttempt(now.AddSeconds(2)).Succeeded);
        Assert.Equal(session.PublicId + "-2", session.IdempotencyKey);
    }

    [Fact]
    public void A_processing_attempt_older_than_the_timeout_may_be_taken_over_with_the_same_idempotency_key()
    {
        var session = NewSession();
        var started = Created.AddMinutes(5);
        Assert.True(session.BeginAttempt(started).Succeeded);
        var key = session.IdempotencyKey;

        var tooSoon = session.BeginAttempt(started + CheckoutSession.AttemptTimeout - TimeSpan.FromSeconds(1));
        AssertConflict(tooSoon);
        Assert.False(session.IsOpen(started + CheckoutSession.AttemptTimeout - TimeSpan.FromSeconds(1)));

        var retakenAt = started + CheckoutSession.AttemptTimeout;
        Assert.True(session.IsOpen(retakenAt));
        var retaken = session.BeginAttempt(retakenAt);

        Assert.True(retaken.Succeeded);
        Assert.Equal(CheckoutSessionStatus.Processing, session.Status);
        Assert.Equal(key, session.IdempotencyKey);
        Assert.Equal(1, session.PaymentAttempt);
        Assert.Equal(retakenAt, session.AttemptStartedAt);
        // The new holder's own timeout now runs from when it took the session over.
        AssertConflict(session.BeginAttempt(retakenAt.AddSeconds(30)));
    }

    [Fact]
    public void A_complete_session_refuses_further_attempts()
    {
        var session = NewSession();
        var now = Created.AddMinutes(5);
        var orderId = Guid.CreateVersion7();
        Assert.True(session.BeginAttempt(now).Succeeded);

        session.Complete(orderId, now.AddSeconds(1));

        Assert.Equal(CheckoutSessionStatus.Complete, session.Status);
        Assert.Equal(orderId, session.OrderId);
        Assert.Equal(now.AddSeconds(1), session.CompletedAt);
        Assert.Null(session.AttemptStartedAt);
        AssertConflict(session.EnsureOpen(now.AddSeconds(2)));
        AssertConflict(session.BeginAttempt(now.AddSeconds(2)));
        // Not even after the attempt timeout: a paid session never reopens.
        AssertConflict(session.BeginAttempt(now + CheckoutSession.AttemptTimeout + TimeSpan.FromMinutes(1)));
        Assert.False(session.IsOpen(now.AddSeconds(2)));
        AssertConflict(session.Expire(now.AddHours(48)));
        Assert.Equal(CheckoutSessionStatus.Complete, session.Status);
    }

    [Fact]
    public void A_session_past_its_expiry_is_a_conflict_even_before_the_expiry_job_runs()
    {
        var session = NewSession();

        Assert.True(session.EnsureOpen(session.ExpiresAt.AddTicks(-1)).Succeeded);
        Assert.True(session.IsOpen(session.ExpiresAt.AddTicks(-1)));
        AssertConflict(session.EnsureOpen(session.ExpiresAt));
        AssertConflict(session.BeginAttempt(session.ExpiresAt));
        AssertConflict(session.BeginAttempt(session.ExpiresAt.AddDays(1)));
        Assert.False(session.IsOpen(session.ExpiresAt));
        Assert.Equal(CheckoutSessionStatus.Open, session.Status);
    }

    [Fact]
    public void An_expired_session_refuses_attempts()
    {
        var session = NewSession();
        var now = Created.AddHours(25);

        Assert.True(session.Expire(now).Succeeded);

        Assert.Equal(CheckoutSessionStatus.Expired, session.Status);
        AssertConflict(session.EnsureOpen(Created.AddMinutes(1)));
        AssertConflict(session.BeginAttempt(Created.AddMinutes(1)));
    }

    [Fact]
    public void A_processing_session_cannot_be_expired()
    {
        var session = NewSession();
        Assert.True(session.BeginAttempt(Created.AddMinutes(1)).Succeeded);

        AssertConflict(session.Expire(Created.AddHours(25)));
        Assert.Equal(CheckoutSessionStatus.Processing, session.Status);
    }

    /// <summary>IsOpen (what a page would show) and EnsureOpen (what a payment checks) must agree in every state, or
    /// a shopper is shown a payable checkout that then refuses the payment (or the other way round).</summary>
    [Fact]
    public void IsOpen_agrees_with_EnsureOpen_for_a_timed_out_attempt_after_the_session_expired()
    {
        var session = NewSession();
        var started = session.ExpiresAt.AddMinutes(-1);
        Assert.True(session.BeginAttempt(started).Succeeded);
        var later = session.ExpiresAt.AddMinutes(5); // past the expiry and past the attempt timeout

        var ensured = session.EnsureOpen(later).Succeeded;
        var open = session.IsOpen(later);

        Assert.True(ensured == open, $"IsOpen says {open} but EnsureOpen says {ensured} for a timed-out attempt past the session's expiry.");
    }

    [Fact]
    public void IsOpen_agrees_with_EnsureOpen_in_the_other_states()
    {
        var open = NewSession();
        var processing = NewSession();
        Assert.True(processing.BeginAttempt(Created.AddMinutes(1)).Succeeded);
        var complete = NewSession();
        complete.Complete(Guid.CreateVersion7(), Created.AddMinutes(1));
        var expired = NewSession();
        Assert.True(expired.Expire(Created.AddMinutes(1)).Succeeded);

        // (A timed-out attempt past the expiry is the test above.)
        foreach (var session in new[] { open, processing, complete, expired })
        foreach (var now in new[] { Created.AddMinutes(1), Created.AddMinutes(2), Created.AddMinutes(4), session.ExpiresAt.AddTicks(-1), session.ExpiresAt })
        {
            if (session == processing && now >= session.ExpiresAt) continue;
            Assert.True(session.EnsureOpen(now).Succeeded == session.IsOpen(now), $"{session.Status} at {now:O}");
        }
        Assert.True(open.IsOpen(Created.AddMinutes(1)));
        Assert.False(open.IsOpen(open.ExpiresAt));
        Assert.False(processing.IsOpen(Created.AddMinutes(2)));
        Assert.True(processing.IsOpen(Created.AddMinutes(3)));
        Assert.False(complete.IsOpen(Created.AddMinutes(1)));
        Assert.False(expired.IsOpen(Created.AddMinutes(1)));
    }

    [Fact]
    public void Answering_keeps_only_what_the_offer_asks_for()
    {
        var session = NewSession();
        var address = new Address("1 Bean St", null, "Portland", "97201", "US");

        session.Answer(new CheckoutDetails("555 0100", address, address), new OfferPaymentSettings { CollectShippingAddress = true }, Created.AddMinutes(1));

        Assert.Null(session.Details.Phone);
        Assert.Null(session.Details.BillingAddress);
        Assert.Equal(address, session.Details.ShippingAddress);
        Assert.Equal(Created.AddMinutes(1), session.UpdatedAt);
    }
}

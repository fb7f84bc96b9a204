using Numi.Core.Common;

namespace Numi.Core.Checkout;

/// <summary>One shopper's checkout of one offer, kept on the server (never in browser storage) so it can be resumed
/// from its link. Amounts are recomputed from current prices whenever the selection changes.</summary>
public sealed class CheckoutSession : IOrganizationOwned, ICreatedInOrder
{
    /// <summary>A payment attempt that has held the session this long without an answer is presumed lost; the next
    /// attempt reuses its idempotency key, so the processor answers the lost attempt instead of charging again.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromMinutes(2);

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid OfferId { get; private set; }
    public CheckoutSessionStatus Status { get; private set; }
    public string Currency { get; private set; } = "usd";
    public Dictionary<string, SlotChoice> Selection { get; private set; } = [];
    public string? CustomerEmail { get; private set; }
    public string? CustomerName { get; private set; }
    public CheckoutDetails Details { get; private set; } = CheckoutDetails.None;
    /// <summary>The discount code the shopper applied; checked again each time the checkout is priced.</summary>
    public Guid? DiscountCodeId { get; private set; }
    public long AmountSubtotal { get; private set; }
    public long AmountDiscount { get; private set; }
    public long AmountTax { get; private set; }
    /// <summary>The name and percentage of the rate <see cref="AmountTax"/> was last computed at; null while untaxed.</summary>
    public string? TaxName { get; private set; }
    public int? TaxRatePpm { get; private set; }
    public long AmountTotal { get; private set; }
    /// <summary>Numbers the payment attempts; the processor's idempotency key is the session id and this number.</summary>
    public int PaymentAttempt { get; private set; } = 1;
    public DateTime? AttemptStartedAt { get; private set; }
    public string? LastDeclineCode { get; private set; }
    /// <summary>A payment waiting for the shopper's bank authentication (3-D Secure).</summary>
    public string? PendingPaymentIntent { get; private set; }
    public Guid? OrderId { get; private set; }
    /// <summary>For a one-click upsell: the order it follows. Unique, so an order gets at most one upsell.</summary>
    public Guid? ParentOrderId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    /// <summary>SHA-256 of the secret held by the one browser allowed to act on this checkout (pay, answer the bank,
    /// accept the upsell); null until a browser has it. Only the hash is kept, so the database cannot act as that browser.</summary>
    public string? BrowserKeyHash { get; private set; }

    private CheckoutSession() { }

    public string PublicId => Common.PublicId.Format(IdPrefixes.CheckoutSession, Id);

    /// <summary>The tax was inside the prices rather than added to them.</summary>
    public bool TaxIncluded => AmountTax != 0 && AmountTotal == AmountSubtotal - AmountDiscount;

    public string IdempotencyKey => $"{PublicId}-{PaymentAttempt}";

    public static CheckoutSession Start(Guid offerId, CheckoutCart cart, Dictionary<string, SlotChoice> selection, string? email, DateTime now, TimeSpan lifetime,
        string? browserKeyHash = null)
    {
        var session = new CheckoutSession { OfferId = offerId, CreatedAt = now, ExpiresAt = now + lifetime, BrowserKeyHash = browserKeyHash };
        session.Choose(cart, selection, now);
        session.Describe(email, null, now);
        return session;
    }

    /// <summary>Open and in time, or held by an attempt whose answer was lost: that one may be retried with the same
    /// idempotency key even after the session's time is up, because its card may already have been charged.</summary>
    public bool IsOpen(DateTime now) => EnsureOpen(now).Succeeded;

    public bool IsExpired(DateTime now) =>
        Status == CheckoutSessionStatus.Expired || (Status == CheckoutSessionStatus.Open && now >= ExpiresAt && PendingPaymentIntent is null);

    public Result<CheckoutSession> EnsureOpen(DateTime now) => Status switch
    {
        CheckoutSessionStatus.Complete => Error.Conflict("This checkout is already paid.", "id"),
        CheckoutSessionStatus.Expired => Error.Conflict("This checkout has expired; start again from the offer.", "id"),
        CheckoutSessionStatus.Processing when AttemptStartedAt + AttemptTimeout > now =>
            Error.Conflict("A payment for this checkout is already in progress.", "id"),
        CheckoutSessionStatus.Open when now >= ExpiresAt && PendingPaymentIntent is null => Error.Conflict("This checkout has expired; start again from the offer.", "id"),
        _ => this,
    };

    /// <summary>Changing the order abandons a payment waiting for the bank: it was for the order as it was.</summary>
    public void Choose(CheckoutCart cart, Dictionary<string, SlotChoice> selection, DateTime now)
    {
        if (cart.Total != AmountTotal || cart.Currency != Currency) PendingPaymentIntent = null;
        Currency = cart.Currency;
        Selection = selection;
        AmountSubtotal = cart.Subtotal;
        AmountDiscount = cart.Discount;
        AmountTax = cart.Tax;
        TaxName = cart.TaxRate?.DisplayName;
        TaxRatePpm = cart.TaxRate?.RatePpm;
        AmountTotal = cart.Total;
        UpdatedAt = now;
    }

    public void ApplyDiscount(Guid? discountCodeId, DateTime now)
    {
        DiscountCodeId = discountCodeId;
        UpdatedAt = now;
    }

    public void Describe(string? email, string? name, DateTime now)
    {
        if (!string.IsNullOrWhiteSpace(email)) CustomerEmail = email.Trim();
        if (!string.IsNullOrWhiteSpace(name)) CustomerName = name.Trim();
        UpdatedAt = now;
    }

    /// <summary>Keeps of <paramref name="details"/> only what the offer's <paramref name="settings"/> ask for.</summary>
    public void Answer(CheckoutDetails details, Offers.OfferPaymentSettings settings, DateTime now)
    {
        Details = details.AskedBy(settings);
        UpdatedAt = now;
    }

    /// <summary>Where the shopper said they are, before the rest of their details are sent with the payment.</summary>
    public void Locate(Tax.TaxLocation location, DateTime now)
    {
        Details = Details with { Location = location };
        UpdatedAt = now;
    }

    /// <summary>Holds the session for one payment attempt. Saved before the processor is called; the status is a
    /// concurrency token, so of two simultaneous attempts only one gets past this point.</summary>
    public Result<CheckoutSession> BeginAttempt(DateTime now)
    {
        var open = EnsureOpen(now);
        if (!open.Succeeded) return open;
        Status = CheckoutSessionStatus.Processing;
        AttemptStartedAt = now;
        UpdatedAt = now;
        return this;
    }

    /// <summary>The attempt failed (declined, or the card was invalid): the shopper may try again with a new key.</summary>
    public void AttemptFailed(string? declineCode, DateTime now)
    {
        Status = CheckoutSessionStatus.Open;
        PaymentAttempt++;
        AttemptStartedAt = null;
        LastDeclineCode = declineCode;
        PendingPaymentIntent = null;
        UpdatedAt = now;
    }

    /// <summary>The bank wants the shopper to authenticate <paramref name="paymentIntentId"/>. The session opens again
    /// (a new card gets a new attempt) and remembers the payment the authentication will finish.</summary>
    public void AwaitAuthentication(string paymentIntentId, DateTime now)
    {
        Status = CheckoutSessionStatus.Open;
        PaymentAttempt++;
        AttemptStartedAt = null;
        PendingPaymentIntent = paymentIntentId;
        UpdatedAt = now;
    }

    public void Complete(Guid orderId, DateTime now)
    {
        Status = CheckoutSessionStatus.Complete;
        OrderId = orderId;
        PendingPaymentIntent = null;
        CompletedAt = now;
        AttemptStartedAt = null;
        UpdatedAt = now;
    }

    public void FollowOrder(Guid parentOrderId) => ParentOrderId = parentOrderId;

    public Result<CheckoutSession> Expire(DateTime now)
    {
        if (Status is not CheckoutSessionStatus.Open) return Error.Conflict("Only an open checkout can expire.", "id");
        Status = CheckoutSessionStatus.Expired;
        UpdatedAt = now;
        return this;
    }
}

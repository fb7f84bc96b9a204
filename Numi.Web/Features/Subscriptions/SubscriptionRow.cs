using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Subscriptions;

namespace Numi.Web.Features.Subscriptions;

/// <summary>A subscription as the list, a customer's page and an order's page show it. Settable properties, so EF can
/// sort and page the projection.</summary>
public sealed class SubscriptionRow
{
    public Guid Id { get; init; }
    public string PublicId => Core.Common.PublicId.Format(IdPrefixes.Subscription, Id);
    public string Description { get; init; } = "";
    public int Quantity { get; init; }
    public Guid CustomerId { get; init; }
    public string CustomerPublicId => Core.Common.PublicId.Format(IdPrefixes.Customer, CustomerId);
    public string Email { get; init; } = "";
    public long Amount { get; init; }
    public string Currency { get; init; } = "usd";
    public PriceInterval Interval { get; init; }
    public int IntervalCount { get; init; }
    public int? CancelAfterCycles { get; init; }
    public SubscriptionStatus Status { get; init; }
    public DateTime CurrentPeriodStart { get; init; }
    public DateTime CurrentPeriodEnd { get; init; }
    /// <summary>Null for a subscription the API started without a checkout.</summary>
    public Guid? OrderId { get; init; }
    public string? OrderPublicId => OrderId is { } order ? Core.Common.PublicId.Format(IdPrefixes.Order, order) : null;
    public DateTime CreatedAt { get; init; }
    /// <summary>Flagged for the merchant's review after the last retry (manual_review).</summary>
    public DateTime? ReviewRequestedAt { get; init; }
    public bool NeedsReview => ReviewRequestedAt is not null;

    /// <summary>"$22.00 every month", with the number of periods when it ends by itself.</summary>
    public string PriceText =>
        $"{Money.Format(Amount, Currency)} every {new PriceSchedule(PriceType.Recurring, Interval, IntervalCount).Describe()}"
        + (CancelAfterCycles is { } cycles ? $", {cycles} periods" : "");

    public string Title => Description + (Quantity > 1 ? $" × {Quantity}" : "");
}

using Numi.Core.Subscriptions;

namespace Numi.Web.Features.Subscriptions;

/// <summary>The subscription list's filters. <see cref="Status"/> is null for any status; <see cref="UnknownStatus"/>
/// keeps a status the link named but no subscription can have, which matches nothing rather than everything.
/// <see cref="NeedsReview"/> keeps only those flagged for review (the link's <c>?review=needed</c>).</summary>
public sealed record SubscriptionFilter(string? Search, SubscriptionStatus? Status, bool UnknownStatus = false, bool NeedsReview = false)
{
    public const string ReviewNeeded = "needed";

    public static readonly SubscriptionFilter Default = new(null, null);

    public static SubscriptionFilter FromQuery(string? search, string? status, string? review = null)
    {
        var needsReview = string.Equals(review?.Trim(), ReviewNeeded, StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(status)) return new(search, null, NeedsReview: needsReview);
        foreach (var known in Enum.GetValues<SubscriptionStatus>())
            if (string.Equals(known.ToString(), status.Trim(), StringComparison.OrdinalIgnoreCase)) return new(search, known, NeedsReview: needsReview);
        return new(search, null, UnknownStatus: true, NeedsReview: needsReview);
    }
}

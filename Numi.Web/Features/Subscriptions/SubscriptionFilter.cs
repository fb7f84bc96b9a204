using Numi.Core.Subscriptions;

namespace Numi.Web.Features.Subscriptions;

/// <summary>The subscription list's filters. <see cref="Status"/> is null for any status; <see cref="UnknownStatus"/>
/// keeps a status the link named but no subscription can have, which matches nothing rather than everything.</summary>
public sealed record SubscriptionFilter(string? Search, SubscriptionStatus? Status, bool UnknownStatus = false)
{
    public static readonly SubscriptionFilter Default = new(null, null);

    public static SubscriptionFilter FromQuery(string? search, string? status)
    {
        if (string.IsNullOrWhiteSpace(status)) return new(search, null);
        foreach (var known in Enum.GetValues<SubscriptionStatus>())
            if (string.Equals(known.ToString(), status.Trim(), StringComparison.OrdinalIgnoreCase)) return new(search, known);
        return new(search, null, UnknownStatus: true);
    }
}

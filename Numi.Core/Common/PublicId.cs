using System.Diagnostics.CodeAnalysis;

namespace Numi.Core.Common;

/// <summary>Stripe-style public identifiers: a resource prefix and the row's key, e.g. <c>prod_0190…</c>.
/// Derived from the key, so there is nothing extra to store or keep in sync.</summary>
public static class PublicId
{
    public static string Format(string prefix, Guid id) => $"{prefix}_{id:N}";

    public static bool TryParse(string prefix, string? value, [NotNullWhen(true)] out Guid? id)
    {
        id = null;
        if (value is null || value.Length != prefix.Length + 1 + 32) return false;
        if (!value.StartsWith(prefix, StringComparison.Ordinal) || value[prefix.Length] != '_') return false;
        if (!Guid.TryParseExact(value.AsSpan(prefix.Length + 1), "N", out var parsed)) return false;
        id = parsed;
        return true;
    }
}

public static class IdPrefixes
{
    public const string Organization = "org";
    public const string Product = "prod";
    public const string ApiKey = "key";
    public const string Price = "price";
    public const string Offer = "offer";
    public const string CheckoutSession = "cs";
    public const string Order = "ord";
    public const string Customer = "cus";
    public const string Event = "evt";
    public const string DiscountCode = "disc";
    public const string TaxRate = "txr";
    public const string Subscription = "sub";
    public const string Plan = "plan";
    public const string SubscriptionEvent = "subevt";
    public const string Member = "mem";
    public const string Invitation = "invite";
    public const string Invoice = "in";
    public const string CreditNote = "cn";
    public const string Funnel = "fnl";
    public const string FunnelVersion = "fnlv";
    public const string FunnelSession = "fs";
}

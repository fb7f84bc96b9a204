using System.Text.RegularExpressions;
using Numi.Web.Features.Checkout;

namespace Numi.Web.Components.Pages;

/// <summary>Which of the shopper's pages a refused or failed request was for (<see cref="CheckoutLimits.IsShopperPath"/>):
/// the status page then speaks to a shopper of that page and never offers the merchant's dashboard.</summary>
public enum ShopperPlace
{
    /// <summary>Not a shopper's page: the merchant app, the account pages, the API.</summary>
    None,
    /// <summary>An offer's link (<c>/c/…</c>) or a checkout (<c>/checkout/…</c>).</summary>
    Checkout,
    /// <summary>A published funnel (<c>/f/…</c>).</summary>
    Funnel,
    /// <summary>The customer portal (<c>/portal/…</c>).</summary>
    Portal,
}

public static partial class ShopperPlaces
{
    public static ShopperPlace Of(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/' || !CheckoutLimits.IsShopperPath(path)) return ShopperPlace.None;
        if (CheckoutLimits.IsFunnelPath(path)) return ShopperPlace.Funnel;
        return CheckoutLimits.IsPortalPath(path) ? ShopperPlace.Portal : ShopperPlace.Checkout;
    }

    /// <summary>The offer's link a shopper came from, when the <c>Referer</c> names one of this site
    /// (<c>/c/{organization}/{offer}</c>: the no-JavaScript checkout stays at the link's address): what "Start again"
    /// opens for a checkout that is not found. Null otherwise; only slugs pass, so the link is always one of ours.</summary>
    public static string? OfferLinkFrom(HttpContext http)
    {
        if (!Uri.TryCreate(http.Request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            || !string.Equals(referer.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase)) return null;
        return OfferLink().Match(referer.AbsolutePath) is { Success: true } link ? $"c/{link.Groups[1].Value}/{link.Groups[2].Value}" : null;
    }

    [GeneratedRegex("^/c/([a-z0-9][a-z0-9-]{0,62})/([a-z0-9][a-z0-9-]{0,62})/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OfferLink();
}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Numi.Core.Checkout;

namespace Numi.Web.Features.Checkout;

/// <summary>A paid session's thank-you page (the first GET after the paying POST's redirect) from a confirmed template:
/// the page cut at the session's id, the order's number and the receipt email, kept per state
/// (<see cref="ThankYouRead.Row.State"/>, whether the upsell may still be offered and the upsell's offer's version) on
/// the paid offer's <see cref="CheckoutOffer"/>. A page whose checkout a funnel opened (it sends the shopper back there) or whose
/// upsell was accepted (it shows the upsell's order) is always rendered.</summary>
internal sealed partial class CheckoutPageCacheMiddleware
{
    private async Task<bool> TryServeThankYouAsync(HttpContext http, string key, ThankYouRead.Row row, long generation)
    {
        if (!cache.TryGetOffer(row.OrganizationId, row.OfferId, out var offer)
            || ThankYouState(row, offer, shopClock.GetUtcNow().UtcDateTime) is not { } state || templates.Find(offer, state) is not { } template)
            return false;
        await ServeFilledAsync(http, key, template, template.Fill(ThankYouValues(http, row)), clock.GetUtcNow().UtcDateTime, cache.Duration,
            [CheckoutPageCache.SessionTag(row.Id), CheckoutPageCache.OrganizationTag(row.OrganizationId), CheckoutPageCache.OrderTag(row.OrderId)], generation);
        return true;
    }

    /// <summary>Learns from a thank-you page rendered whole for <paramref name="row"/> from <paramref name="offer"/>,
    /// unless the upsell's time ran out while it rendered (the page may show either).</summary>
    private void LearnThankYou(HttpContext http, ThankYouRead.Row row, CheckoutOffer offer, DateTime renderedAt, byte[] body)
    {
        if (ThankYouState(row, offer, renderedAt) is not { } state || ThankYouState(row, offer, shopClock.GetUtcNow().UtcDateTime) != state) return;
        templates.Learn(offer, state, ThankYouValues(http, row), body, ContentTypeOf(http.Response), ContentSecurityPolicyOf(http.Response), carries: true);
    }

    /// <summary>Everything the thank-you page shows but its id, number and email: the order and organization as read,
    /// whether the receipt email is known, and what decides the upsell offered beside (<see cref="UpsellOffer"/>): none
    /// without a browser or on an offer without one; else the <see cref="CheckoutOffer.Version"/> of the upsell's offer as
    /// this node keeps it now (null when it keeps none: the page is rendered), whether the order kept its payment method
    /// and whether it is still within <see cref="AcceptUpsellHandler.Window"/>. The page shows nothing else, so its
    /// template carries to the next read of the paid offer that finds the same version (<see cref="CheckoutOffer.Continue"/>).</summary>
    private string? ThankYouState(ThankYouRead.Row row, CheckoutOffer offer, DateTime now)
    {
        var upsell = "none";
        if (row.Browser && offer.Offer.UpsellOfferId is { } upsellId)
        {
            if (!cache.TryGetOffer(row.OrganizationId, upsellId, out var kept) || kept.Version.Length == 0) return null;
            upsell = string.Create(CultureInfo.InvariantCulture, $"{kept.Version}:{row.PaymentMethod}:{now - row.OrderedAt <= AcceptUpsellHandler.Window}");
        }
        return $"{row.State}|email:{string.IsNullOrEmpty(row.Email)}|upsell:{upsell}";
    }

    /// <summary>The values cut out of a thank-you page, in the order <see cref="CheckoutPageTemplates.Template.Fill(byte[][])"/>
    /// takes them: the session's id, the order's number as the page shows it, the receipt email encoded as Blazor encodes
    /// text (the app's <see cref="HtmlEncoder"/>).</summary>
    private static byte[][] ThankYouValues(HttpContext http, ThankYouRead.Row row)
    {
        var encoder = http.RequestServices.GetService<HtmlEncoder>() ?? HtmlEncoder.Default;
        return
        [
            Encoding.ASCII.GetBytes(Numi.Core.Common.PublicId.Format(Numi.Core.Common.IdPrefixes.CheckoutSession, row.Id)),
            Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $">#{row.Number}<")),
            string.IsNullOrEmpty(row.Email) ? [] : Encoding.UTF8.GetBytes(encoder.Encode(row.Email)),
        ];
    }
}

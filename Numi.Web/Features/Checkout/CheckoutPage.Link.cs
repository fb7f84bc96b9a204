using Microsoft.AspNetCore.Diagnostics;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Discounts;
using Numi.Core.Offers;

namespace Numi.Web.Features.Checkout;

/// <summary>The offer's shareable link, <c>/c/{organization}/{offer}</c>. Opening it writes nothing: the page is the
/// offer's checkout priced in memory (<see cref="StartCheckoutHandler.PreviewAsync"/>), the same bytes for every visitor
/// of that offer and <c>?discount=</c>, so <see cref="CheckoutPageCacheMiddleware"/> serves it from memory until the
/// organization's offers, prices, tax rates or codes change. The shopper's first post (a change of choice, a code, Pay)
/// opens the session, bound to that browser (<see cref="CheckoutBrowser"/>), and carries on as the session's own page
/// would: the answer is the session's page (its address in <c>HX-Push-Url</c> for htmx, in <c>Content-Location</c>
/// otherwise, and its form posts there) or a redirect to it once paid. Link previews and crawlers
/// (<see cref="LinkPreviewAgents"/>) get the offer's page, even when they post; a post whose fields the page could not
/// have sent is refused with a 400 and the page, and nothing is written. A funnel's checkout step shows the same page
/// inside its own (<see cref="FunnelCheckout"/>): the funnel picks the offer and ties the session its first post opens
/// to the funnel session.</summary>
public partial class CheckoutPage
{
    private static readonly string[] Actions = ["", "pay", "update", "apply-discount", "remove-discount"];

    /// <summary>The offer's page, without a session: <see cref="_session"/> is the preview's, never saved.</summary>
    private bool _preview;
    private string? _nonce;
    /// <summary>Why the link's post opened no session; shown once the offer is loaded.</summary>
    private IReadOnlyList<Error> _refused = [];

    private async Task OpenLinkAsync()
    {
        // A funnel's step has entered its organization and picked the offer (FunnelCheckout).
        var offerId = Funnel?.OfferId ?? (await ShopperTenant.EnterForOfferAsync(Db, Tenant, Organization!, OfferSlug!, CancellationToken.None))?.Id;
        if (offerId is not { } id) return;
        if (InputPosted is not null && Funnel is { Preview: true })
        {
            _refused = [new Error(ErrorCodes.StateConflict, FunnelCheckout.PreviewRefusal)];
            Answer(StatusCodes.Status403Forbidden);
        }
        else if (InputPosted is not null && Http is not null && !LinkPreviewAgents.Is(Http) && await StartFromPostAsync(Http, id)) return;
        var preview = await Start.PreviewAsync(id, DiscountQuery, CancellationToken.None);
        if (!preview.Succeeded) return;
        (_session, _offer, _prices) = (preview.Value.Session, preview.Value.Offer, preview.Value.Prices);
        _preview = true;
        _nonce = LinkStartGuard.NewNonce();
    }

    /// <summary>Opens the session for the link's first post (a Pay once, see <see cref="LinkStartGuard"/>) with the posted
    /// choice, and applies the link's code; false, with nothing written, when the post is refused.</summary>
    private async Task<bool> StartFromPostAsync(HttpContext http, Guid offerId)
    {
        var selection = Input.Selection(_errors);
        if (!Actions.Contains(Input.Action ?? "", StringComparer.Ordinal))
            _errors.Add(null, "That button is not on this page. Reload the page and try again.");
        // The offer as the page keeps it in memory: opening the session reads neither it nor its prices and tax rates.
        var catalog = await Offers.FindAsync(Tenant.OrganizationId!.Value, offerId, CancellationToken.None);
        if (!_errors.Any) _refused = await CheckBeforeStartAsync(offerId, selection, catalog);
        if (_errors.Any || _refused.Count > 0)
        {
            // A code that cannot be used is a shopper's slip, answered as their session's page answers it: the form
            // again (200) with the message beside the code, here with nothing written; malformed fields are a 400.
            if (!OnlyTheCodeRefused()) Answer(StatusCodes.Status400BadRequest);
            return false;
        }
        IReadOnlyList<Error> refused = [];
        async Task<LinkStartGuard.Started?> StartAsync()
        {
            var (key, hash) = CheckoutBrowser.NewKey();
            var session = await Start.HandleAsync(new StartCheckout(offerId, BrowserKeyHash: hash, Selection: selection), CancellationToken.None, catalog?.Known);
            if (!session.Succeeded)
            {
                refused = session.Errors;
                return null;
            }
            // A code from the link that cannot be used stays typed in the field (DiscountCodeField), as on the offer's page.
            if (!string.IsNullOrWhiteSpace(DiscountQuery) && DiscountQuery.Length <= 40)
                await ApplyDiscount.HandleAsync(new ApplyDiscountCode(session.Value.Id, DiscountQuery), CancellationToken.None);
            if (Funnel is not null) await Funnel.StartedAsync(session.Value);
            return new LinkStartGuard.Started(session.Value.Id, key);
        }
        // Only a payment is guarded: two sessions opened by a double change of choice cost nothing, two payments would.
        var started = Input.Action is "update" or "apply-discount" or "remove-discount" ? await StartAsync() : await LinkGuard.StartOnceAsync(http, StartAsync);
        if (started is null)
        {
            _refused = refused;
            Answer(StatusCodes.Status400BadRequest);
            return false;
        }
        // The session this context has just added (no query), or, when another post of this browser opened it, read.
        _session = await Db.CheckoutSessions.FindAsync(started.SessionId);
        if (_session is null) return false;
        CheckoutBrowser.Give(http, _session, started.BrowserKey);
        var path = CheckoutLinks.SessionPath(_session);
        if (http.Request.Headers.ContainsKey("HX-Request")) http.Response.Headers["HX-Push-Url"] = path;
        else http.Response.Headers.ContentLocation = path;
        return true;
    }

    /// <summary>A first post that pays, or applies a code, is checked for what can be told without a session, so garbage
    /// writes nothing: for Pay, the receipt email (present and well-formed) and the card (well-formed for the simulated
    /// processor: number and Luhn, expiry, CVC; with Stripe, the <c>pm_…</c> of its field); for both, a typed code that
    /// cannot be used now. Each refusal is a message beside its field: the form's own in <see cref="_errors"/>, the
    /// returned ones once the offer is loaded. The card is read here only to be checked, and kept nowhere.</summary>
    private async Task<IReadOnlyList<Error>> CheckBeforeStartAsync(Guid offerId, IReadOnlyDictionary<string, SlotChoice> selection, CheckoutOffer? catalog)
    {
        var paying = Input.Action is null or "" or "pay";
        if (!paying && Input.Action != "apply-discount") return [];
        var typed = Input.DiscountCode?.Trim();
        if (Input.Action == "apply-discount" && string.IsNullOrEmpty(typed)) _errors.Add(DiscountCodeField.Field, "Enter a discount code.");
        if (paying)
        {
            if (catalog?.StripeKey is not null) Input.StripePaymentMethod(_errors);
            else if (Input.Card(_errors) is { } card && Numi.Infrastructure.Payments.CardCheck.Problem(card, Clock.GetUtcNow()) is { } problem)
                _errors.Add(CardFields.FieldOf(problem.Param), problem.Message ?? "Your card number is not valid.");
        }
        return await Start.RefusalsBeforeStartAsync(offerId, selection, Input.Email, typed, paying, CancellationToken.None, catalog?.Known);
    }

    private bool OnlyTheCodeRefused() =>
        _errors.General.Count == 0 && _errors.Fields.All(f => f == DiscountCodeField.Field) && _refused.All(e => e.Param == DiscountCodeField.Field);

    /// <summary>Answers <paramref name="status"/> with this page rather than the status page.</summary>
    private void Answer(int status)
    {
        if (Http is null) return;
        Http.Response.StatusCode = status;
        if (Http.Features.Get<IStatusCodePagesFeature>() is { } statusPages) statusPages.Enabled = false;
    }
}

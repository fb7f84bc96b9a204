using System.Text;
using Numi.Core.Checkout;

namespace Numi.Web.Features.Checkout;

/// <summary>A shopper's first view of their own page without rendering it, when another session in the same visible
/// state was rendered a moment before: the page's bytes cut at the session's id, kept per <see cref="TemplateSessionRead.Row.State">state</see>
/// on the <see cref="CheckoutOffer"/> the page was rendered from, so a save that drops the offer (its organization's
/// tag, <see cref="CheckoutPageEviction"/>) or its time (<c>Checkout:PageCacheDuration</c>) drops them too. A cut page
/// is used only once a second session's page, rendered whole, was the same bytes with its own id (a page showing
/// anything else of its session, now or after a change of the components, is never used); only for an open session's
/// page without a query, which shows no message of a post; never for a held or expired session. A paid session's
/// thank-you page is cut at its order's number and receipt email too, kept per the state <see cref="ThankYouRead"/>
/// reads (CheckoutPageCacheMiddleware.ThankYou.cs), and confirmed by another order's page with another number, email
/// and id.</summary>
public sealed class CheckoutPageTemplates(bool enabled)
{
    /// <summary>States kept per kept offer at most; past it a page is rendered and not cut.</summary>
    internal const int MaxPerOffer = 256;

    /// <summary>Off with the page cache; the tests turn it off to compare with the page rendered whole.</summary>
    public bool Enabled { get; set; } = enabled;

    private long _served;

    /// <summary>Pages answered from a template so far.</summary>
    internal long Served => Interlocked.Read(ref _served);

    /// <summary>The session's properties a page may show, read into its state by <see cref="TemplateSessionRead"/>; every other one is in
    /// <see cref="NotShown"/> (a test checks that each property is in one of them, so a new one is thought about).</summary>
    internal static readonly string[] Shown =
    [
        nameof(CheckoutSession.OrganizationId), nameof(CheckoutSession.OfferId), nameof(CheckoutSession.Status), nameof(CheckoutSession.Currency),
        nameof(CheckoutSession.Selection), nameof(CheckoutSession.CustomerEmail), nameof(CheckoutSession.CustomerName), nameof(CheckoutSession.Details),
        nameof(CheckoutSession.DiscountCodeId), nameof(CheckoutSession.AmountSubtotal), nameof(CheckoutSession.AmountDiscount), nameof(CheckoutSession.AmountTax),
        nameof(CheckoutSession.TaxName), nameof(CheckoutSession.TaxRatePpm), nameof(CheckoutSession.AmountTotal), nameof(CheckoutSession.TaxIncluded),
        nameof(CheckoutSession.LastDeclineCode), nameof(CheckoutSession.PendingPaymentIntent), nameof(CheckoutSession.OrderId),
        nameof(CheckoutSession.ParentOrderId), nameof(CheckoutSession.CompletedAt),
    ];

    /// <summary>What differs between sessions a page looks the same for: the id (cut out of the page), the times (the page
    /// shows none; an expired session is never answered from a template), the browser's key hash and the payment attempt's
    /// number and start (never shown; a template needs an open session).</summary>
    internal static readonly string[] NotShown =
    [
        nameof(CheckoutSession.Id), nameof(CheckoutSession.PublicId), nameof(CheckoutSession.IdempotencyKey), nameof(CheckoutSession.CreatedAt),
        nameof(CheckoutSession.UpdatedAt), nameof(CheckoutSession.ExpiresAt), nameof(CheckoutSession.BrowserKeyHash),
        nameof(CheckoutSession.PaymentAttempt), nameof(CheckoutSession.AttemptStartedAt),
    ];

    /// <summary>A session's page cut at its id, and for a paid session's thank-you page also at its order number and
    /// receipt email (<see cref="ThankYouRead"/>): each cut remembers which of those values goes there. Used once
    /// <see cref="Confirmed"/>.</summary>
    /// <param name="carries">Whether the page shows nothing but the session and what a read of the offer holds
    /// (<see cref="CheckoutOfferVersion"/>), so it may outlive that read when the next read finds the same version
    /// (<see cref="CheckoutOffer.Continue"/>). A page with a discount code applied shows what the code allows now (its
    /// dates, redemptions and per-customer use), one with an email may show the customer's tax exemption, and one with a
    /// price the offer no longer sells shows a price read apart: those die with their read.</param>
    internal sealed class Template(byte[][] parts, int[] slots, byte[][] cutWith, string contentType, string? contentSecurityPolicy, bool carries = false)
    {
        private const int Unconfirmed = 0, Confirmed = 1, Refused = -1;
        private int _state;

        public string ContentType => contentType;
        public string? ContentSecurityPolicy => contentSecurityPolicy;
        public bool IsConfirmed => Volatile.Read(ref _state) == Confirmed;
        public bool Carries => carries;

        public static Template Cut(byte[] body, byte[] id, string contentType, string? contentSecurityPolicy, bool carries = false) =>
            Cut(body, [id], contentType, contentSecurityPolicy, carries);

        /// <summary>Cuts <paramref name="body"/> wherever one of <paramref name="values"/> stands (the earliest first);
        /// a value found nowhere is simply not filled in.</summary>
        public static Template Cut(byte[] body, byte[][] values, string contentType, string? contentSecurityPolicy, bool carries = false)
        {
            var (parts, slots) = (new List<byte[]>(), new List<int>());
            var rest = body.AsSpan();
            while (true)
            {
                var (at, slot) = (-1, -1);
                for (var i = 0; i < values.Length; i++)
                    if (values[i].Length > 0 && rest.IndexOf(values[i]) is var found and >= 0 && (at < 0 || found < at)) (at, slot) = (found, i);
                if (at < 0) break;
                parts.Add(rest[..at].ToArray());
                slots.Add(slot);
                rest = rest[(at + values[slot].Length)..];
            }
            parts.Add(rest.ToArray());
            return new Template([.. parts], [.. slots], values, contentType, contentSecurityPolicy, carries);
        }

        public byte[] Fill(byte[] id) => Fill([id]);

        /// <summary>The page with <paramref name="values"/> (in the order the cut was given them) put back where the cut took its own.</summary>
        public byte[] Fill(byte[][] values)
        {
            var length = parts.Sum(p => p.Length);
            foreach (var slot in slots) length += values[slot].Length;
            var body = new byte[length];
            var at = 0;
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    var value = values[slots[i - 1]];
                    value.CopyTo(body, at);
                    at += value.Length;
                }
                parts[i].CopyTo(body, at);
                at += parts[i].Length;
            }
            return body;
        }

        public void Check(byte[] body, byte[] id, string contentType, string? contentSecurityPolicy) => Check(body, [id], contentType, contentSecurityPolicy);

        /// <summary>Compares another page, rendered whole, with this one filled with its values: the same bytes confirm the
        /// template, other bytes refuse it for good. A page sharing a value with the page cut (the same session again,
        /// or another order with the same receipt email) decides nothing: it could not show that the cut is right there.</summary>
        public void Check(byte[] body, byte[][] values, string contentType, string? contentSecurityPolicy)
        {
            if (Volatile.Read(ref _state) != Unconfirmed) return;
            for (var i = 0; i < values.Length; i++)
                if (values[i].AsSpan().SequenceEqual(cutWith[i])) return;
            var same = contentType == ContentType && contentSecurityPolicy == ContentSecurityPolicy && Fill(values).AsSpan().SequenceEqual(body);
            Interlocked.CompareExchange(ref _state, same ? Confirmed : Refused, Unconfirmed);
        }
    }

    /// <summary>The confirmed template of this state on this offer, if any.</summary>
    internal Template? Find(CheckoutOffer offer, string state) =>
        Enabled && offer.Templates.TryGetValue(state, out var template) && template.IsConfirmed ? template : null;

    internal void Count() => Interlocked.Increment(ref _served);

    /// <summary>Learns from a page rendered whole for <paramref name="session"/> in <paramref name="state"/>: the first
    /// such page is cut, the next one confirms or refuses the cut.</summary>
    internal void Learn(CheckoutOffer offer, string state, CheckoutSession session, byte[] body, string contentType, string? contentSecurityPolicy) =>
        Learn(offer, state, [Encoding.ASCII.GetBytes(session.PublicId)], body, contentType, contentSecurityPolicy, Carries(offer, session));

    /// <summary>Learns from a page rendered whole showing <paramref name="values"/> (the cuts' values, the session's id
    /// first): the first such page is cut, the next one confirms or refuses the cut.</summary>
    internal void Learn(CheckoutOffer offer, string state, byte[][] values, byte[] body, string contentType, string? contentSecurityPolicy, bool carries)
    {
        if (!Enabled) return;
        if (offer.Templates.TryGetValue(state, out var template)) template.Check(body, values, contentType, contentSecurityPolicy);
        else if (offer.Templates.Count < MaxPerOffer) offer.Templates.TryAdd(state, Template.Cut(body, values, contentType, contentSecurityPolicy, carries));
    }

    /// <summary>Whether a page of this session may outlive the read of the offer it was rendered from (see
    /// <see cref="Template"/>).</summary>
    private static bool Carries(CheckoutOffer offer, CheckoutSession session) =>
        session.DiscountCodeId is null && session.CustomerEmail is null && session.Selection.Values.All(c => offer.Prices.ContainsKey(c.Price));
}

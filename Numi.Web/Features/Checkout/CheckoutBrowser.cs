using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Checkout;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Checkout;

/// <summary>Binds a checkout session to the shopper's browser: a random secret in a cookie only that session's pages
/// receive, whose SHA-256 the session keeps. Every post of the session (pay, update, discount, the bank's answer, the
/// upsell) must carry it (<see cref="CheckoutBrowserGuard"/>), so knowing a session's link is not enough to act on it.
/// The secret is never in the page, which stays the same for every browser and so can be cached.</summary>
/// <remarks>SameSite=Strict: the cookie is only needed on the session's own posts, which are same-site; the pages reached
/// from another site (the offer's link on the merchant's site, the API's <c>url</c> in an email) need not carry it, and a
/// top-level navigation may still set it. Strict also keeps it off any cross-site request, GET or POST.</remarks>
public static class CheckoutBrowser
{
    public const string CookieName = "numi.checkout";

    /// <summary>A new secret for a browser, and the hash the session keeps of it.</summary>
    public static (string Key, string Hash) NewKey()
    {
        var key = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (key, Hash(key));
    }

    /// <summary>Whether the request carries the secret whose hash is <paramref name="keyHash"/>; never when the session
    /// is bound to no browser (made by the API and not opened yet, or paid through the API).</summary>
    public static bool Holds(HttpContext http, string? keyHash) =>
        keyHash is not null && http.Request.Cookies[CookieName] is { Length: > 0 and <= 100 } key
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(keyHash));

    /// <summary>Gives the browser the secret of <paramref name="session"/>, for as long as the session can be paid and its
    /// upsell accepted after.</summary>
    public static void Give(HttpContext http, CheckoutSession session, string key) => Give(http, session.PublicId, session.ExpiresAt, key);

    private static void Give(HttpContext http, string sessionPublicId, DateTime expiresAt, string key) =>
        http.Response.Cookies.Append(CookieName, key, new CookieOptions
        {
            Path = "/checkout/" + sessionPublicId,
            HttpOnly = true,
            // Outside Development the cookie policy makes every cookie Secure whatever the request.
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
            Expires = new DateTimeOffset(DateTime.SpecifyKind(expiresAt + AcceptUpsellHandler.Window, DateTimeKind.Utc)),
        });

    /// <summary>An open session no browser holds yet (one the API made) is bound to the first browser that posts to it
    /// (chooses, applies a code, pays), before the page handles the post. The update is conditional, so of two browsers
    /// posting at once only one is given the key; the other is refused.</summary>
    public static async Task<bool> BindOnPostAsync(HttpContext http, NumiDbContext db, Guid sessionId, DateTime now)
    {
        var (key, hash) = NewKey();
        if (await db.BindCheckoutBrowserAsync(sessionId, hash, now, http.RequestAborted) is not { } expiresAt) return false;
        Give(http, Numi.Core.Common.PublicId.Format(Numi.Core.Common.IdPrefixes.CheckoutSession, sessionId), expiresAt, key);
        return true;
    }

    /// <summary>An open session that no browser holds yet (one the API made, confirmed through the API and waiting for the
    /// bank) is bound to the first browser that opens its bank's page. The update is conditional, so of two browsers
    /// opening it at once only one gets the secret. A paid or expired session is never bound later: its upsell stays with
    /// the browser that paid, or with none. Answers whether this request's browser holds the session's key now (it had
    /// it, or was just given it).</summary>
    public static async Task<bool> BindFirstAsync(HttpContext http, NumiDbContext db, CheckoutSession session, DateTime now)
    {
        if (session.BrowserKeyHash is not null || !HttpMethods.IsGet(http.Request.Method) || session.Status != CheckoutSessionStatus.Open || !session.IsOpen(now))
            return Holds(http, session.BrowserKeyHash);
        var (key, hash) = NewKey();
        var bound = await db.CheckoutSessions.Where(s => s.Id == session.Id && s.BrowserKeyHash == null && s.Status == CheckoutSessionStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.BrowserKeyHash, hash));
        if (bound == 1) Give(http, session, key);
        return bound == 1;
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

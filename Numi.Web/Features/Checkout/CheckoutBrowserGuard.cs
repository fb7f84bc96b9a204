using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;
using Numi.Web.Operations;

namespace Numi.Web.Features.Checkout;

/// <summary>Refuses, before any page runs, a post to a checkout session's pages (the checkout form, the upsell, the
/// bank's answer) from a browser that does not hold the session's key (<see cref="CheckoutBrowser"/>): 403, and nothing
/// is chosen, applied or charged. The bank's page is refused on a GET too to a browser other than the one the session
/// is bound to: with Stripe it hands over the payment's client secret. An unknown session is left to the page, which answers 404.</summary>
internal sealed class CheckoutBrowserGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, NumiDbContext db, ControllableClock clock)
    {
        var reads = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        if (SessionOf(http.Request.Path, out var page) is { } sessionId && (!reads || string.Equals(page, "authenticate", StringComparison.OrdinalIgnoreCase)))
        {
            // A post runs a dozen commands (Pay 14): on SQLite they share one connection, opened here and closed with the
            // request's context, instead of each taking a pooled one and setting its pragmas again
            // (SqliteConnectionSetup). SQLite only: elsewhere a connection held through the processor's call would be
            // one a pool of a fixed size lacks meanwhile.
            if (!reads && db.Database.IsSqlite()) await db.Database.OpenConnectionAsync(http.RequestAborted);
            // The session as the page reads it (tracked, with its organization), so the page need not read it again.
            var found = await db.FindCheckoutSessionWithOwnerAsync(sessionId, tracked: true, http.RequestAborted);
            var keyHash = found?.Session.BrowserKeyHash;
            // A session no browser holds yet (one the API made) is bound by its first post, or by the first view of its
            // bank's page (CheckoutBrowser.BindFirstAsync). Not by a view of the checkout: mail scanners and link
            // previews open the url the merchant sent before the shopper does.
            var allowed = found is null || CheckoutBrowser.Holds(http, keyHash);
            if (!allowed && keyHash is null && (reads || await CheckoutBrowser.BindOnPostAsync(http, db, sessionId, clock.GetUtcNow().UtcDateTime)))
            {
                // Bound just now by an update the tracked session does not show (or a view before any browser holds it): the
                // page reads the session itself.
                db.Entry(found!.Value.Session).State = EntityState.Detached;
                found = null;
                allowed = true;
            }
            if (!allowed)
            {
                ClientFaults.Refuse(http, StatusCodes.Status403Forbidden, "checkout post from a browser the session is not bound to");
                return;
            }
            if (found is var (kept, keptOwner)) ShopperTenant.KeepFound(http, kept, keptOwner);
        }
        await next(http);
    }

    /// <summary>The session of <c>/checkout/cs_…</c> and of the pages under it, and which page (<c>""</c> for the checkout
    /// itself), as sent: routes match whatever the case, so compare it ignoring case.</summary>
    private static Guid? SessionOf(PathString path, out string page)
    {
        page = "";
        if (!path.StartsWithSegments("/checkout", out var rest) || rest.Value is not { Length: > 1 } tail) return null;
        var parts = tail[1..].Split('/', 2);
        if (parts.Length == 2) page = parts[1].TrimEnd('/');
        return PublicId.TryParse(IdPrefixes.CheckoutSession, parts[0], out var key) ? key.Value : null;
    }
}

using Numi.Core.Common;
using Numi.Infrastructure.Persistence;
using Numi.Web.Operations;

namespace Numi.Web.Features.Checkout;

/// <summary>Refuses, before any page runs, a post to a checkout session's pages (the checkout form, the upsell, the
/// bank's answer) from a browser that does not hold the session's key (<see cref="CheckoutBrowser"/>): 403, and nothing
/// is chosen, applied or charged. An unknown session is left to the page, which answers 404.</summary>
internal sealed class CheckoutBrowserGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, NumiDbContext db)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && SessionOf(http.Request.Path) is { } sessionId)
        {
            var (found, keyHash) = await ShopperTenant.BrowserOfSessionAsync(db, sessionId, http.RequestAborted);
            if (found && !CheckoutBrowser.Holds(http, keyHash))
            {
                ClientFaults.Refuse(http, StatusCodes.Status403Forbidden, "checkout post from a browser the session is not bound to");
                return;
            }
        }
        await next(http);
    }

    /// <summary>The session of <c>/checkout/cs_…</c> and of the pages under it.</summary>
    private static Guid? SessionOf(PathString path)
    {
        if (!path.StartsWithSegments("/checkout", out var rest) || rest.Value is not { Length: > 1 } tail) return null;
        var id = tail[1..].Split('/')[0];
        return PublicId.TryParse(IdPrefixes.CheckoutSession, id, out var key) ? key.Value : null;
    }
}

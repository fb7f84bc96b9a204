namespace Numi.Web.Operations;

/// <summary>Headers every response carries. Scripts and styles come only from Numi itself (no inline code),
/// and pages cannot be framed. Images may also come from any https origin: merchants link their logos. A page that
/// shows Stripe's card field (<see cref="AllowStripe"/>) also lets Stripe.js load, frame its fields and the bank's
/// 3-D Secure page, and call Stripe's API; no other page does.
/// Every HTML response that sets no Cache-Control of its own is <c>no-store</c>: merchant and account pages, a shopper's
/// checkout, thank-you and bank pages (the shopper's email, address and order, the bank's client secret), and the status
/// and error pages (a 404 or 403 is about one request, and a cached one could outlive the page that later exists). No
/// browser or proxy keeps them; the checkout page's speed comes from Numi's own in-memory cache
/// (<c>CheckoutPageCache</c>), shared across shoppers on the server, which this header does not touch. Static files,
/// product images and offer themes carry their own caching.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    private const string StripeContentSecurityPolicy =
        "default-src 'self'; script-src 'self' https://js.stripe.com; style-src 'self'; img-src 'self' data: https:; font-src 'self'; " +
        "connect-src 'self' https://api.stripe.com; frame-src https://js.stripe.com https://hooks.stripe.com; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <summary>The merchant app's interactive pages (<see cref="Interactive.InteractivePages"/>): still no inline script,
    /// but WebAssembly may compile ('wasm-unsafe-eval'), and styles may be inline, because MudBlazor writes its theme
    /// as a style element and Blazor sets style attributes. The circuit's websocket is same-origin ('self').</summary>
    private const string InteractiveContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <summary>Called by a page while it renders, before the response starts. The policy is set on the response
    /// itself, so a copy of the page served from the output cache carries it too.</summary>
    public static void AllowStripe(HttpContext context) => context.Response.Headers.ContentSecurityPolicy = StripeContentSecurityPolicy;

    /// <summary>A funnel step with a video: frames from the two hosts <c>VideoEmbed</c> allows, nothing else.</summary>
    public static void AllowVideos(HttpContext context) => context.Response.Headers.ContentSecurityPolicy = VideoContentSecurityPolicy;

    private const string VideoContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; font-src 'self'; " +
        "connect-src 'self'; frame-src https://www.youtube.com https://player.vimeo.com; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!context.Request.Path.StartsWithSegments("/openapi") && headers.ContentSecurityPolicy.Count == 0)
                headers.ContentSecurityPolicy = Interactive.InteractivePages.Is(context) ? InteractiveContentSecurityPolicy : ContentSecurityPolicy;
            if (headers.CacheControl.Count == 0 && context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }
}

using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Numi.Web.Operations;

namespace Numi.Web.Features.Checkout;

/// <summary><c>Checkout:Limits</c>: what one client address may do on the shopper's pages in a window, and how large a
/// post to them may be.</summary>
public sealed class CheckoutLimitOptions
{
    /// <summary>Posts to offers' links (each may open a checkout session) per address and window.</summary>
    public int SessionsPerAddress { get; set; } = 120;

    /// <summary>Payment attempts (Pay on a checkout or its link, accepting an upsell) per address and window.</summary>
    public int PaymentsPerAddress { get; set; } = 60;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest body a post to a shopper's page may have; the checkout form is a few KB.</summary>
    public long MaxBodyBytes { get; set; } = 64 * 1024;
}

/// <summary>Holds off floods on the shopper's pages (<see cref="IsShopperPath"/>): a body size limit on every post to them (413), and per client
/// address (IPv6 by /64) limits on opening checkout sessions and on payment attempts, with ASP.NET Core's rate limiter
/// (429 with <c>Retry-After</c>; the status page, or the checkout's notice under htmx, says to try again in a moment).
/// Counters are per node. Behind a reverse proxy every request comes from the proxy's address unless forwarded headers
/// are enabled.</summary>
public static class CheckoutLimits
{
    public static IServiceCollection AddCheckoutLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CheckoutLimitOptions>().Bind(configuration.GetSection("Checkout:Limits"))
            .Validate(l => l.SessionsPerAddress > 0 && l.PaymentsPerAddress > 0 && l.Window > TimeSpan.Zero && l.MaxBodyBytes > 0,
                "Checkout:Limits: SessionsPerAddress, PaymentsPerAddress, Window and MaxBodyBytes must all be above zero.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>Before the form is read (<see cref="FormPostGuard"/>): a declared length past the limit is refused at once,
    /// and the server stops reading a body (chunked, or lying about its length) past it.</summary>
    public static IApplicationBuilder UseCheckoutBodyLimit(this IApplicationBuilder app)
    {
        var limit = app.ApplicationServices.GetRequiredService<IOptions<CheckoutLimitOptions>>().Value.MaxBodyBytes;
        return app.Use((http, next) =>
        {
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || !IsShopperPath(http.Request.Path)) return next(http);
            if (http.Request.ContentLength > limit)
            {
                ClientFaults.Refuse(http, StatusCodes.Status413PayloadTooLarge, $"a checkout post of {http.Request.ContentLength} bytes (at most {limit})");
                return Task.CompletedTask;
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
            return next(http);
        });
    }

    /// <summary>After <see cref="FormPostGuard"/>, which has read the form, so a post can be told apart by what it asks.</summary>
    public static IApplicationBuilder UseCheckoutRateLimits(this IApplicationBuilder app)
    {
        var limits = app.ApplicationServices.GetRequiredService<IOptions<CheckoutLimitOptions>>().Value;
        var sessions = PartitionedRateLimiter.Create<HttpContext, string>(http => IsLinkPost(http)
            ? Window("session " + ClientAddress.Key(http.Connection.RemoteIpAddress), limits.SessionsPerAddress, limits.Window)
            : RateLimitPartition.GetNoLimiter(""));
        var payments = PartitionedRateLimiter.Create<HttpContext, string>(http => IsPayment(http)
            ? Window("payment " + ClientAddress.Key(http.Connection.RemoteIpAddress), limits.PaymentsPerAddress, limits.Window)
            : RateLimitPartition.GetNoLimiter(""));
        return app.UseWhen(http => HttpMethods.IsPost(http.Request.Method) && IsShopperPath(http.Request.Path), limited => limited.UseRateLimiter(new RateLimiterOptions
        {
            GlobalLimiter = PartitionedRateLimiter.CreateChained(sessions, payments),
            RejectionStatusCode = StatusCodes.Status429TooManyRequests,
            OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : limits.Window;
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                ClientFaults.Refuse(context.HttpContext, StatusCodes.Status429TooManyRequests, "checkout rate limit of the client's address");
                return ValueTask.CompletedTask;
            },
        }));
    }

    /// <summary><c>/c/{organization}/{offer}</c>: an offer's shareable link.</summary>
    public static bool IsLinkPath(PathString path)
    {
        if (!path.StartsWithSegments("/c", StringComparison.OrdinalIgnoreCase, out var rest) || rest.Value is not { Length: > 1 } tail) return false;
        var segments = tail.AsSpan(1).TrimEnd('/');
        var slash = segments.IndexOf('/');
        return slash > 0 && slash < segments.Length - 1 && segments[(slash + 1)..].IndexOf('/') < 0;
    }

    /// <summary>The shopper's pages: an offer's link and anything under it (<c>/c/…</c>), a checkout (<c>/checkout/…</c>),
    /// a published funnel (<c>/f/…</c>) and the customer portal (<c>/portal/…</c>). Posts to them are limited in size,
    /// and their refusals and errors are pages for a shopper (no dashboard; see StatusPage).</summary>
    public static bool IsShopperPath(PathString path) =>
        path.StartsWithSegments("/c", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/checkout", StringComparison.OrdinalIgnoreCase)
        || IsFunnelPath(path) || IsPortalPath(path);

    /// <summary><c>/portal/…</c>: the customer portal (signed in by an emailed link, not as a member).</summary>
    public static bool IsPortalPath(PathString path) => path.StartsWithSegments("/portal", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>/f/…</c>: a published funnel, whose posts may open a checkout session as an offer's link does.</summary>
    public static bool IsFunnelPath(PathString path) => path.StartsWithSegments("/f", StringComparison.OrdinalIgnoreCase);

    private static bool IsLinkPost(HttpContext http) => IsLinkPath(http.Request.Path) || IsFunnelPath(http.Request.Path);

    /// <summary>The checkout form sent to pay (anything but a change of choice or code: its default button pays), or the
    /// upsell accepted (a charge of the saved card).</summary>
    private static bool IsPayment(HttpContext http)
    {
        if (!http.Request.HasFormContentType || http.Features.Get<IFormFeature>()?.Form is not { } form) return false;
        return form["_handler"].ToString() switch
        {
            "checkout" => form["Input.Action"].ToString() is not ("update" or "apply-discount" or "remove-discount"),
            "upsell" => true,
            // A funnel's upsell or downsell accepted: the saved card charged.
            "funnel" => form["Input.Action"].ToString() == "accept",
            _ => false,
        };
    }

    private static RateLimitPartition<string> Window(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
}

using Microsoft.AspNetCore.OutputCaching;
using Numi.Core.Checkout;

namespace Numi.Web.Features.Checkout;

/// <summary>Serves a shopper's checkout page from memory between changes. The page is cached per URL (the session's
/// unguessable id and its query) for anonymous GETs only, tagged with its session and order, and evicted on this node
/// the moment either is saved (<see cref="CheckoutPageEviction"/>). Another node's change, the merchant's catalog
/// edits and the session's expiry are seen within <c>Checkout:PageCacheDuration</c> (5 s by default) at most.</summary>
public sealed class CheckoutPageCache(TimeSpan duration) : IOutputCachePolicy
{
    public const string Policy = "checkout-page";

    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(5);

    public static string SessionTag(Guid sessionId) => $"checkout:{sessionId:N}";

    public static string OrderTag(Guid orderId) => $"order:{orderId:N}";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var cacheable = (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            && http.User.Identity?.IsAuthenticated != true && duration > TimeSpan.Zero;
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        context.ResponseExpirationTimeSpan = duration;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        // Only a whole page that is the same for everyone holding the link: no error page, no cookie.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0) context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    /// <summary>Called by the page once it knows what it shows: tags it for eviction, and keeps an open session's page
    /// no longer than the session stays open.</summary>
    public static void Describe(HttpContext? http, CheckoutSession session, Guid? orderId, DateTime now)
    {
        if (http?.Features.Get<IOutputCacheFeature>()?.Context is not { } cache) return;
        cache.Tags.Add(SessionTag(session.Id));
        if (orderId is { } order) cache.Tags.Add(OrderTag(order));
        if (session.Status != CheckoutSessionStatus.Open || session.PendingPaymentIntent is not null) return;
        var left = session.ExpiresAt - now;
        if (left < cache.ResponseExpirationTimeSpan) cache.ResponseExpirationTimeSpan = left > TimeSpan.Zero ? left : TimeSpan.Zero;
        if (left <= TimeSpan.Zero) cache.AllowCacheStorage = false;
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Numi.Core.Checkout;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Checkout;

/// <summary>Answers a signed-out GET of a checkout page or an offer's link from <see cref="CheckoutPageCache"/> when it holds the page,
/// and otherwise keeps the page the app renders if the page described itself, answered 200 and set no cookie. A
/// signed-in person (the merchant looking at their own checkout) is always rendered for.</summary>
internal sealed partial class CheckoutPageCacheMiddleware(RequestDelegate next, CheckoutPageCache cache, CheckoutPageTemplates templates, TemplateSessionRead reads,
    ThankYouRead thankYous, TimeProvider clock, ControllableClock shopClock)
{
    /// <summary>One render at a time per stripe of URLs: when a popular page drops out of the cache, the requests
    /// waiting for it are answered from the one render instead of all rendering it at once.</summary>
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task InvokeAsync(HttpContext http)
    {
        if (cache.Duration <= TimeSpan.Zero || KeyOf(http) is not { } key)
        {
            await next(http);
            return;
        }
        if (cache.TryGet(key, out var cached))
        {
            await ServeAsync(http, cached);
            return;
        }
        var gate = _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_gates.Length)];
        await gate.WaitAsync(http.RequestAborted);
        try
        {
            if (cache.TryGet(key, out cached)) await ServeAsync(http, cached);
            else await RenderAsync(http, key);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task RenderAsync(HttpContext http, string key)
    {
        var generation = cache.Generation;
        var row = await ReadSessionAsync(http, key);
        if (row is { State: not null } && await TryServeTemplateAsync(http, key, row, generation)) return;
        var paid = row is { Paid: true } ? await thankYous.ReadAsync(http, row.Id, http.RequestAborted) : null;
        if (paid is { State: not null } && await TryServeThankYouAsync(http, key, paid, generation)) return;
        var renderedAt = shopClock.GetUtcNow().UtcDateTime;
        // The page rendered runs several commands on SQLite (the thank-you page 2): they share one connection, opened
        // here and closed with the request's context, as a post's do (CheckoutBrowserGuard).
        var db = http.RequestServices.GetRequiredService<NumiDbContext>();
        if (db.Database.IsSqlite()) await db.Database.OpenConnectionAsync(http.RequestAborted);
        var body = await Operations.BufferedRender.RunAsync(http, next);
        if (Keep(http, key, body, generation) is not { Offer: { } offer, Session: { } session } page || cache.EvictedSince(generation, page.Tags)) return;
        if (row is { State: { } state } && session.Id == row.Id && page.Tags.Count == 2)
            templates.Learn(offer, state, session, body, ContentTypeOf(http.Response), ContentSecurityPolicyOf(http.Response));
        else if (paid is { State: not null } && session.Id == paid.Id && session.OrderId == paid.OrderId && page.Tags.Count == 3)
            LearnThankYou(http, paid, offer, renderedAt, body);
    }

    /// <summary>A session's page without a query, while templates are on: the session as a template needs it (the page,
    /// when rendered, reads it itself); null when there is no such session, or its page cannot come from a template
    /// (a paid session's may, from its thank-you page's: <see cref="ThankYouRead"/>).</summary>
    private async Task<TemplateSessionRead.Row?> ReadSessionAsync(HttpContext http, string key)
    {
        if (!templates.Enabled || http.Request.QueryString.HasValue || key.Contains('?', StringComparison.Ordinal)
            || !PublicId.TryParse(IdPrefixes.CheckoutSession, key["/checkout/".Length..], out var id))
            return null;
        var row = await reads.ReadAsync(http, id.Value, http.RequestAborted);
        return row is { State: not null } or { Paid: true } ? row : null;
    }

    /// <summary>Answers a session's page from a confirmed template of its state on its offer as kept now, and keeps the
    /// page as a render would; false when there is none, or the session has expired since it was read.</summary>
    private async Task<bool> TryServeTemplateAsync(HttpContext http, string key, TemplateSessionRead.Row row, long generation)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now >= row.ExpiresAt || !cache.TryGetOffer(row.OrganizationId, row.OfferId, out var offer)
            || templates.Find(offer, row.State!) is not { } template)
            return false;
        var lifetime = row.ExpiresAt - now < cache.Duration ? row.ExpiresAt - now : cache.Duration;
        await ServeFilledAsync(http, key, template, template.Fill(row.IdBytes()), now, lifetime,
            [CheckoutPageCache.SessionTag(row.Id), CheckoutPageCache.OrganizationTag(row.OrganizationId)], generation);
        return true;
    }

    /// <summary>Answers a page filled in from a template, and keeps it as a render would.</summary>
    private async Task ServeFilledAsync(HttpContext http, string key, CheckoutPageTemplates.Template template, byte[] body, DateTime now, TimeSpan lifetime,
        IReadOnlyList<string> tags, long generation)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = template.ContentType;
        response.ContentLength = body.Length;
        if (template.ContentSecurityPolicy is { } csp) response.Headers.ContentSecurityPolicy = csp;
        templates.Count();
        cache.Store(key, new CheckoutPageCache.Page(body, template.ContentType, template.ContentSecurityPolicy, now, now + lifetime, tags), generation);
        await response.Body.WriteAsync(body, http.RequestAborted);
    }

    /// <summary>The bytes as sent: after they were written, so the headers set as the response started are final.</summary>
    private CheckoutPageCache.Description? Keep(HttpContext http, string key, byte[] body, long renderedFrom)
    {
        var response = http.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0) return null;
        if (http.Items[typeof(CheckoutPageCache.Description)] is not CheckoutPageCache.Description page) return null;
        var lifetime = page.Lifetime < cache.Duration ? page.Lifetime : cache.Duration;
        if (lifetime <= TimeSpan.Zero) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        cache.Store(key, new CheckoutPageCache.Page(body, ContentTypeOf(response), ContentSecurityPolicyOf(response), now, now + lifetime, page.Tags), renderedFrom);
        return page;
    }

    private static string ContentTypeOf(HttpResponse response) => response.ContentType ?? "text/html; charset=utf-8";

    private static string? ContentSecurityPolicyOf(HttpResponse response) =>
        response.Headers.ContentSecurityPolicy.ToString() is { Length: > 0 } csp ? csp : null;

    private Task ServeAsync(HttpContext http, CheckoutPageCache.Page page)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = page.ContentType;
        response.ContentLength = page.Body.Length;
        if (page.ContentSecurityPolicy is { } csp) response.Headers.ContentSecurityPolicy = csp;
        var age = (long)(clock.GetUtcNow().UtcDateTime - page.StoredAt).TotalSeconds;
        response.Headers[HeaderNames.Age] = Math.Max(0, age).ToString(CultureInfo.InvariantCulture);
        return response.Body.WriteAsync(page.Body, http.RequestAborted).AsTask();
    }

    /// <summary>What a signed-out GET of a shopper's page is kept under: a session's page (<c>/checkout/cs_…</c>, not its
    /// bank page) by its path and query; an offer's link by its path, whatever its case, and the only query its page reads,
    /// <c>?discount=</c>, so other parameters (a campaign's <c>utm_…</c>) share the page and cannot fill the cache. Null
    /// for anything else.</summary>
    private static string? KeyOf(HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method) || http.User.Identity?.IsAuthenticated == true) return null;
        var path = http.Request.Path.Value;
        if (path is null) return null;
        if (path.StartsWith("/checkout/cs_", StringComparison.Ordinal) && path.IndexOf('/', "/checkout/".Length) < 0) return path + http.Request.QueryString.Value;
        if (!CheckoutLimits.IsLinkPath(http.Request.Path)) return null;
        var discount = http.Request.Query["discount"];
        if (discount.Count > 1 || discount.ToString().Length > 40) return null;
        return "link:" + path.TrimEnd('/').ToLowerInvariant() + (discount.Count == 1 ? "?discount=" + discount : "");
    }
}

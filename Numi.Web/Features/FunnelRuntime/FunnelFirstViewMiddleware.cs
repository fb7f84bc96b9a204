using Numi.Core.Funnels;
using Numi.Core.Funnels.Events;

namespace Numi.Web.Features.FunnelRuntime;

/// <summary>A new visitor's first view of a funnel (<c>GET /f/{organization}/{funnel}</c>, signed out, no session
/// cookie for it) without Blazor's render when it can: the visit is opened as the page would open it
/// (<see cref="FunnelVisit"/>: the cookies, the new session, its arm, the <c>step_viewed</c> event, the session queued),
/// and the body is the page the app rendered for an earlier new visitor of the same version, step and arm, kept in
/// <see cref="PublishedFunnelCache"/>. Those pages hold nothing of the visitor's: no session id, no cart, no token.
/// Anything else (a returning visitor, a step's own URL, a post, a preview, a page not kept) goes to the page, which
/// finds the visit already opened; its render is kept when it describes itself (<see cref="Describe"/>). A known
/// link-preview fetcher or crawler gets the kept page (or the page's render) with no session, cookie or event.</summary>
internal sealed class FunnelFirstViewMiddleware(RequestDelegate next, PublishedFunnelCache cache)
{
    private sealed record Description(Guid OrganizationId, string Key);

    public async Task InvokeAsync(HttpContext http, FunnelVisit visit)
    {
        if (SlugsOf(http) is not var (organization, funnel) || !await visit.OpenAsync(http, organization, funnel, http.RequestAborted) || !(visit.IsNewSession || visit.IsBot))
        {
            await next(http);
            return;
        }
        var step = visit.Current;
        var key = PublishedFunnelCache.PageKey(visit.Funnel.VersionId, step.Key, visit.ArmOf(step));
        // A link preview or a crawler gets the page kept for new visitors (its control arm), and nothing is recorded.
        if (visit.IsBot)
        {
            if (step.Type != FunnelStepType.ThankYou && cache.TryGetPage(key, out var kept)) await ServeAsync(http, kept);
            else await next(http);
            return;
        }
        if (step.Type != FunnelStepType.ThankYou && cache.TryGetPage(key, out var page))
        {
            visit.Record(FunnelEventKinds.StepViewed, step);
            await visit.FinishViewAsync(http.RequestAborted);
            await ServeAsync(http, page);
            return;
        }
        await RenderAsync(http);
    }

    /// <summary>Called by the page for a new visitor's view of the funnel's entry URL that it shows as it is (no
    /// "no longer available"): the page's bytes may be kept for the next new visitor in the same arm.</summary>
    public static void Describe(HttpContext? http, FunnelVisit visit, SnapshotStep step, string arm)
    {
        if (http is null || step.Type == FunnelStepType.ThankYou) return;
        http.Items[typeof(Description)] = new Description(visit.Funnel.OrganizationId, PublishedFunnelCache.PageKey(visit.Funnel.VersionId, step.Key, arm));
    }

    private async Task RenderAsync(HttpContext http)
    {
        var generation = cache.Generation;
        var body = await Operations.BufferedRender.RunAsync(http, next);
        if (http.Response.StatusCode != StatusCodes.Status200OK || http.Items[typeof(Description)] is not Description described) return;
        var csp = http.Response.Headers.ContentSecurityPolicy.ToString();
        cache.StorePage(described.OrganizationId, described.Key,
            new PublishedFunnelCache.Page(body, http.Response.ContentType ?? "text/html; charset=utf-8", csp.Length > 0 ? csp : null), generation);
    }

    private static Task ServeAsync(HttpContext http, PublishedFunnelCache.Page page) =>
        Operations.BufferedRender.SendFunnelPageAsync(http, page.Body, page.ContentType, page.ContentSecurityPolicy);

    /// <summary>The organization and funnel of a signed-out GET of a funnel's entry URL without a query (a preview asks
    /// <c>?preview=draft</c>), else null.</summary>
    private static (string Organization, string Funnel)? SlugsOf(HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method) || http.User.Identity?.IsAuthenticated == true || http.Request.QueryString.HasValue) return null;
        var path = http.Request.Path.Value;
        if (path is null || !path.StartsWith("/f/", StringComparison.Ordinal)) return null;
        var parts = path["/f/".Length..].TrimEnd('/').Split('/');
        return parts is [{ Length: > 0 } organization, { Length: > 0 } funnel] ? (organization, funnel) : null;
    }
}

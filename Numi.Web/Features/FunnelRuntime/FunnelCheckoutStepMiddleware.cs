using Numi.Core.Funnels;
using Numi.Core.Funnels.Events;
using Numi.Infrastructure.Funnels;
using Numi.Web.Features.Checkout;

namespace Numi.Web.Features.FunnelRuntime;

/// <summary>A returning visitor's view of a funnel's checkout step (<c>GET /f/{organization}/{funnel}/{step}</c>, signed
/// out, no query but the offer page's <c>?discount=</c>) answered from memory, as the offer's link is
/// (<see cref="CheckoutPageCacheMiddleware"/>): the step shows the offer's checkout page without a session, the same
/// bytes for every visitor of that funnel version, step, A/B arm, offer and code, kept in <see cref="CheckoutPageCache"/>
/// under the organization's tag (its offers, prices, tax rates, codes, name) and the funnel's (<see cref="CheckoutPageEviction"/>).
/// <para>What is the visitor's own stays out of those bytes: where their session stands comes from the signed walk cookie
/// (<see cref="FunnelWalks"/>), their arm is the one <see cref="FunnelVisit.PickArm"/> gives their visitor id, and the
/// view is recorded (<c>step_viewed</c>, with that arm) straight to the event queue, so the funnel's counts are the
/// same as when the page is rendered. A step the session has not reached, a paid or finished session, or a visitor
/// without the cookie goes to the page, which redirects or renders as before; a page rendered for a shopper's view
/// that describes itself (<see cref="Describe"/>) is kept. The first post (a change of choice, a code, Pay) is always
/// the page's: it reads the session, remembers the arm and opens the checkout session for the funnel.</para></summary>
internal sealed class FunnelCheckoutStepMiddleware(RequestDelegate next, CheckoutPageCache pages, PublishedFunnelCache funnels, FunnelWalks walks,
    FunnelEventIntake events, TimeProvider clock)
{
    private sealed record Description(string Key, Guid OrganizationId, Guid FunnelId);

    public async Task InvokeAsync(HttpContext http)
    {
        if (pages.Duration <= TimeSpan.Zero || RequestOf(http) is not var (organization, funnel, stepKey, discount))
        {
            await next(http);
            return;
        }
        if (funnels.TryGet(organization, funnel, out var published) && walks.Read(http, published.FunnelId) is { Open: true } walk
            && funnels.TryGetVersion(walk.VersionId, out var snapshot) && Shown(snapshot, walk, stepKey) is { } step)
        {
            var arm = FunnelVisit.PickArm(walk.VisitorId, step);
            var offer = FunnelReturn.OfferOf(snapshot, step, walk.ChosenOfferId, arm);
            if (offer is not null && pages.TryGet(Key(walk.VersionId, step.Key, arm, offer.Value, discount), out var page))
            {
                events.Record(new FunnelEventInput(FunnelEventKinds.StepViewed, step.Key, arm),
                    new FunnelEventContext(walk.SessionId, walk.FunnelId, walk.VersionId, walk.OrganizationId, snapshot.Steps.Select(s => s.Key).ToHashSet(StringComparer.Ordinal)));
                await ServeAsync(http, page);
                return;
            }
        }
        await RenderAsync(http);
    }

    /// <summary>Called by the page for a shopper's view of a checkout step it shows as the offer's page (no message, no
    /// cart): its bytes may be kept for the next view of the same version, step, arm, offer and code.</summary>
    public static void Describe(HttpContext? http, FunnelVisit visit, SnapshotStep step, string arm, Guid offerId)
    {
        if (http is null || RequestOf(http) is not var (_, _, stepKey, discount) || stepKey != step.Key) return;
        http.Items[typeof(Description)] = new Description(Key(visit.Session.FunnelVersionId, step.Key, arm, offerId, discount), visit.Funnel.OrganizationId, visit.Funnel.FunnelId);
    }

    /// <summary>The checkout step <paramref name="stepKey"/> of the walk's version if the session has reached it.</summary>
    private static SnapshotStep? Shown(FunnelSnapshot snapshot, FunnelWalks.Walk walk, string stepKey)
    {
        int index = -1, current = -1;
        for (var i = 0; i < snapshot.Steps.Count; i++)
        {
            if (snapshot.Steps[i].Key == stepKey) index = i;
            if (snapshot.Steps[i].Key == walk.CurrentStepKey) current = i;
        }
        return index >= 0 && index <= current && snapshot.Steps[index].Type == FunnelStepType.Checkout ? snapshot.Steps[index] : null;
    }

    private static string Key(Guid versionId, string stepKey, string arm, Guid offerId, string? discount) =>
        $"funnel:{versionId:N}/{stepKey}/{arm}/{offerId:N}" + (discount is null ? "" : "?discount=" + discount);

    private async Task RenderAsync(HttpContext http)
    {
        var generation = pages.Generation;
        var body = await Operations.BufferedRender.RunAsync(http, next);
        if (http.Response.StatusCode != StatusCodes.Status200OK || http.Items[typeof(Description)] is not Description described) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var csp = http.Response.Headers.ContentSecurityPolicy.ToString();
        pages.Store(described.Key, new CheckoutPageCache.Page(body, http.Response.ContentType ?? "text/html; charset=utf-8", csp.Length > 0 ? csp : null, now,
            now + pages.Duration, [CheckoutPageCache.OrganizationTag(described.OrganizationId), CheckoutPageCache.FunnelTag(described.FunnelId)]), generation);
    }

    private static Task ServeAsync(HttpContext http, CheckoutPageCache.Page page) =>
        Operations.BufferedRender.SendFunnelPageAsync(http, page.Body, page.ContentType, page.ContentSecurityPolicy);

    /// <summary>The normalized organization and funnel slugs, the step key and the <c>?discount=</c> of a signed-out GET of
    /// a funnel step's URL whose query holds nothing else (a preview asks <c>?preview=draft</c>), else null.</summary>
    private static (string Organization, string Funnel, string Step, string? Discount)? RequestOf(HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method) || http.User.Identity?.IsAuthenticated == true) return null;
        var path = http.Request.Path.Value;
        if (path is null || !path.StartsWith("/f/", StringComparison.Ordinal)) return null;
        var query = http.Request.Query;
        var discount = query["discount"];
        if (query.Count > (discount.Count > 0 ? 1 : 0) || discount.Count > 1 || discount.ToString().Length > 40) return null;
        var parts = path["/f/".Length..].TrimEnd('/').Split('/');
        if (parts is not [{ Length: > 0 } organization, { Length: > 0 } funnel, { Length: > 0 } step] || step == FunnelPage.NextStep) return null;
        return (Core.Organizations.Slug.Normalize(organization), Core.Organizations.Slug.Normalize(funnel), step, discount.Count == 1 ? discount.ToString() : null);
    }
}

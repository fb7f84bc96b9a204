using Microsoft.AspNetCore.DataProtection;
using Numi.Core.Funnels;

namespace Numi.Web.Features.FunnelRuntime;

/// <summary>Where a visitor's funnel session stands, as the server last saved or showed it, carried by the browser in a
/// cookie signed and encrypted with ASP.NET Core Data Protection (the app's key ring, shared by the nodes through the
/// database), so a view of a funnel's checkout step can be answered from memory without reading the session
/// (<see cref="FunnelCheckoutStepMiddleware"/>). It is written whenever <see cref="FunnelVisit"/> saves or shows the
/// session, and only ever read to serve a view: every post still reads the session itself, so a cookie older than the
/// session (an order paid by a webhook, another tab's walk) can show a step the session has left, never act on it.</summary>
public sealed class FunnelWalks(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Numi.FunnelRuntime.Walk.v1");

    /// <summary>The session's id, funnel, version and organization, its visitor, the step it is on, the offer picked on a
    /// product-selection step, and whether it can still check out (active and not paid).</summary>
    public sealed record Walk(Guid SessionId, Guid FunnelId, Guid VersionId, Guid OrganizationId, string VisitorId, string CurrentStepKey,
        Guid? ChosenOfferId, bool Open);

    public static string CookieName(Guid funnelId) => "numi_fw_" + funnelId.ToString("N")[..12];

    /// <summary>Sets the cookie for the session as it is now, unless the request's cookie already says so (a view that
    /// changed nothing sets no cookie).</summary>
    public void Issue(HttpContext http, FunnelSession session)
    {
        if (http.Response.HasStarted) return;
        var open = session.Status == FunnelSessionStatus.Active && session.OrderId is null;
        var text = string.Join('|', session.Id.ToString("N"), session.FunnelId.ToString("N"), session.FunnelVersionId.ToString("N"),
            session.OrganizationId.ToString("N"), session.VisitorId, session.CurrentStepKey, session.ChosenOfferId?.ToString("N") ?? "", open ? "1" : "0");
        if (Unprotected(http, session.FunnelId) == text) return;
        http.Response.Cookies.Append(CookieName(session.FunnelId), _protector.Protect(text), FunnelVisit.CookieOptions(http, FunnelVisit.SessionLifetime));
    }

    /// <summary>The walk the request's cookie carries for <paramref name="funnelId"/>, if it is intact and belongs to the
    /// request's visitor (the first-party visitor cookie); else null.</summary>
    public Walk? Read(HttpContext http, Guid funnelId)
    {
        if (Unprotected(http, funnelId) is not { } text) return null;
        var parts = text.Split('|');
        if (parts.Length != 8 || !Guid.TryParseExact(parts[0], "N", out var session) || !Guid.TryParseExact(parts[1], "N", out var funnel)
            || !Guid.TryParseExact(parts[2], "N", out var version) || !Guid.TryParseExact(parts[3], "N", out var organization))
            return null;
        Guid? chosen = Guid.TryParseExact(parts[6], "N", out var offer) ? offer : null;
        if (funnel != funnelId || parts[4] != http.Request.Cookies[FunnelVisit.VisitorCookie]) return null;
        return new Walk(session, funnel, version, organization, parts[4], parts[5], chosen, parts[7] == "1");
    }

    /// <summary>The request's cookie for the funnel as written, or null when there is none or it was not written here.</summary>
    private string? Unprotected(HttpContext http, Guid funnelId)
    {
        if (http.Request.Cookies[CookieName(funnelId)] is not { Length: > 0 and <= 1_000 } cookie) return null;
        try
        {
            return _protector.Unprotect(cookie);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Numi.Web.Features.Portal;

/// <summary>The customer portal's own sign-in: a cookie apart from the merchant's (another scheme and name), set on the
/// path of one organization's portal (<c>/portal/{slug}</c>), so a browser holds one per portal and sends each only to
/// its own. The claims name the customer and the organization; a page checks the organization against its address.</summary>
public static class PortalAuth
{
    public const string Scheme = "NumiPortal";
    public const string CookieName = "numi.portal";
    private const string CustomerClaim = "numi.portal.customer";
    private const string OrganizationClaim = "numi.portal.organization";
    private const string PathItem = "numi.portal.path";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public static AuthenticationBuilder AddPortalCookie(this AuthenticationBuilder authentication) =>
        authentication.AddCookie(Scheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = Lifetime;
            options.SlidingExpiration = false;
            // The pages check the sign-in themselves and send a stranger to the portal's sign-in form, never the merchant's.
            options.Events.OnSigningIn = context => SetPath(context.CookieOptions, context.Properties);
            options.Events.OnSigningOut = context => SetPath(context.CookieOptions, context.Properties);
        });

    public static string PathOf(string organizationSlug) => "/portal/" + organizationSlug;

    public static Task SignInAsync(HttpContext http, string organizationSlug, Guid organizationId, Guid customerId)
    {
        var identity = new ClaimsIdentity(
            [new Claim(CustomerClaim, customerId.ToString()), new Claim(OrganizationClaim, organizationId.ToString())], Scheme);
        return http.SignInAsync(Scheme, new ClaimsPrincipal(identity), Properties(organizationSlug));
    }

    public static Task SignOutAsync(HttpContext http, string organizationSlug) => http.SignOutAsync(Scheme, Properties(organizationSlug));

    /// <summary>The customer signed in to this organization's portal, or null (no cookie, an expired one, or one of
    /// another organization's portal).</summary>
    public static async Task<Guid?> CustomerOfAsync(HttpContext http, Guid organizationId)
    {
        var result = await http.AuthenticateAsync(Scheme);
        if (!result.Succeeded) return null;
        var principal = result.Principal;
        return Guid.TryParse(principal.FindFirstValue(OrganizationClaim), out var organization) && organization == organizationId
            && Guid.TryParse(principal.FindFirstValue(CustomerClaim), out var customer) ? customer : null;
    }

    private static AuthenticationProperties Properties(string organizationSlug) =>
        new(new Dictionary<string, string?> { [PathItem] = PathOf(organizationSlug) }) { IsPersistent = false };

    private static Task SetPath(CookieOptions cookie, AuthenticationProperties? properties)
    {
        if (properties?.Items.TryGetValue(PathItem, out var path) == true && path is not null) cookie.Path = path;
        return Task.CompletedTask;
    }
}

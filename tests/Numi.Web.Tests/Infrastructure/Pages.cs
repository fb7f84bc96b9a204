using System.Net;
using AngleSharp.Html.Dom;

namespace Numi.Web.Tests.Infrastructure;

public static class Pages
{
    public static string? OrganizationName(this IHtmlDocument page) =>
        page.QuerySelector("[data-testid=organization-name]")?.TextContent.Trim();

    /// <summary>True when the response refuses access: 403, or a redirect to the access-denied page.</summary>
    public static bool IsAccessDenied(this HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQueryOrOriginal().StartsWith("/account/access-denied", StringComparison.Ordinal));
}

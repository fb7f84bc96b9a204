using System.Net;
using AngleSharp.Html.Dom;

namespace Numi.Web.Tests.Infrastructure;

public static class Pages
{
    /// <summary>A signed-in page still rendered statically that holds the sign-out and organization-switch forms with
    /// their antiforgery tokens (the interactive app bar renders its menus only when opened): the access-denied page,
    /// which answers 403.</summary>
    public const string WithSignOutForm = "/account/access-denied";

    /// <summary>The page at <see cref="WithSignOutForm"/>, checked to be the refusal it is.</summary>
    public static async Task<IHtmlDocument> GetSignOutPageAsync(this Browser browser)
    {
        using var response = await browser.Client.GetAsync(WithSignOutForm);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        return await Browser.ParseAsync(response);
    }

    public static string? OrganizationName(this IHtmlDocument page) =>
        page.QuerySelector("[data-testid=organization-name]")?.TextContent.Trim();

    /// <summary>True when the response refuses access: 403, or a redirect to the access-denied page.</summary>
    public static bool IsAccessDenied(this HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQueryOrOriginal().StartsWith("/account/access-denied", StringComparison.Ordinal));

    /// <summary>The request token a signed-in page hands to its scripts, as the merchant app sends it to the API.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this Browser browser)
    {
        var page = await browser.GetSignOutPageAsync();
        return page.QuerySelector($"input[name={Browser.AntiforgeryField}]")!.GetAttribute("value")!;
    }

    /// <summary>A JSON post to the API with the sign-in cookie and the antiforgery header, as the merchant app makes it.</summary>
    public static async Task<HttpResponseMessage> PostApiAsync(this Browser browser, string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = ApiCalls.Json(json) };
        request.Headers.Add("RequestVerificationToken", await browser.AntiforgeryTokenAsync());
        return await browser.Client.SendAsync(request);
    }
}

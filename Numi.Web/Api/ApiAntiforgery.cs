using Microsoft.AspNetCore.Antiforgery;
using Numi.Web.Tenancy;

namespace Numi.Web.Api;

/// <summary>The API accepts the merchant's sign-in cookie (the merchant app calls it from the browser). A cookie is sent
/// by the browser whoever made the page, so a write signed by the cookie must also carry the antiforgery token the
/// server gave this site's own pages (header <c>RequestVerificationToken</c>); without it the write is refused
/// before it runs. Requests with an API key are not cookie-signed and need none. A signed-in person who belongs to no
/// organization has nothing to call yet, except <c>/api/v1/me</c> and <c>/api/v1/organizations</c> (making their first).</summary>
internal sealed class ApiAntiforgery(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery, RequestTenant tenant)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || user.HasClaim(c => c.Type == NumiClaims.ApiKeyId))
        {
            await next(context);
            return;
        }
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && !HttpMethods.IsOptions(context.Request.Method) && !await antiforgery.IsRequestValidAsync(context))
        {
            await ApiProblem.Write(context, StatusCodes.Status400BadRequest, "antiforgery_token_invalid",
                "A change made with the sign-in cookie must carry the page's antiforgery token in the RequestVerificationToken header.");
            return;
        }
        if (tenant.OrganizationId is null && !context.Request.Path.StartsWithSegments("/api/v1/me")
            && !context.Request.Path.StartsWithSegments("/api/v1/organizations"))
        {
            await ApiProblem.Write(context, StatusCodes.Status403Forbidden, Core.Common.ErrorCodes.Forbidden,
                "You are not in an organization yet: create one or accept an invitation first.");
            return;
        }
        await next(context);
    }
}

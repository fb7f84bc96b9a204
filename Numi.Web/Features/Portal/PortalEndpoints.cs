using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Portal;

public static class PortalEndpoints
{
    public static void MapPortalEndpoints(this WebApplication app) =>
        app.MapPost("/portal/{organization}/sign-out", SignOutAsync)
            .WithMetadata(new RequireAntiforgeryTokenAttribute()).AllowAnonymous().ExcludeFromDescription();

    /// <summary>Ends this portal's sign-in (its cookie, on its own path) and shows the sign-in form.</summary>
    private static async Task<Results<RedirectHttpResult, BadRequest, NotFound>> SignOutAsync(string organization, HttpContext http, NumiDbContext db, CancellationToken ct)
    {
        // The antiforgery middleware only records its verdict; endpoints that bind no form must read it themselves.
        if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true }) return TypedResults.BadRequest();
        if (await db.FindOrganizationBySlugAsync(organization, ct) is not { } owner) return TypedResults.NotFound();
        await PortalAuth.SignOutAsync(http, owner.Slug);
        return TypedResults.LocalRedirect(PortalAuth.PathOf(owner.Slug) + "?signedOut=true");
    }
}

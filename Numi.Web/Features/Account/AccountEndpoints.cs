using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Tenancy;
using Numi.Core.Accounts;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;
using Numi.Web.Tenancy;

namespace Numi.Web.Features.Account;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/signout", SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute()).AllowAnonymous();
        account.MapPost("/switch-organization", SwitchOrganizationAsync).RequireAuthorization();
        account.MapGet("/slug-check", CheckSlugAsync).AllowAnonymous();
    }

    private static async Task<Results<RedirectHttpResult, BadRequest>> SignOutAsync(
        HttpContext http, SignInManager<NumiUser> signIn, AccessSignals signals)
    {
        // The antiforgery middleware only records its verdict; endpoints that bind no form must read it themselves.
        if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true }) return TypedResults.BadRequest();
        // A new security stamp ends this sign-in everywhere it is still held: in the person's open interactive pages
        // (told at once on this node) and in any copy of the cookie (refused by the tenant middleware).
        if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            signals.Changed(user.Id);
        }
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/account/signin?signedOut=true");
    }

    private static async Task<Results<RedirectHttpResult, NotFound>> SwitchOrganizationAsync(
        [FromForm] Guid organizationId, HttpContext http, NumiDbContext db, AccessSignals signals, CancellationToken ct) =>
        await UserTenancy.SwitchAsync(db, signals, http.User.UserId()!.Value, organizationId, ct)
            ? TypedResults.LocalRedirect("/")
            : TypedResults.NotFound();

    /// <summary>htmx: tells the sign-up form whether a slug is free while the person types.</summary>
    private static async Task<RazorComponentResult<SlugStatus>> CheckSlugAsync(HttpRequest request, NumiDbContext db, CancellationToken ct)
    {
        var slug = (request.Query["Input.Slug"].FirstOrDefault() ?? request.Query["slug"].FirstOrDefault() ?? "").Trim();
        var state = await SlugStatus.CheckAsync(db, slug, ct);
        return new RazorComponentResult<SlugStatus>(new { Slug = slug, Status = state });
    }
}

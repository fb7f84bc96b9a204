using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Numi.Core.Tenancy;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Tenancy;

/// <summary>Puts each request inside one organization: the API key's, or the signed-in person's current one
/// (if they are still a member and their sign-in still holds, see <see cref="UserTenancy"/>). Adds the person's role in it and platform-admin status as claims, so
/// authorization policies read them like any other claim.</summary>
internal sealed class TenantMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, RequestTenant tenant, NumiDbContext db, IConfiguration configuration)
    {
        var principal = context.User;
        if (principal.Identity is ClaimsIdentity { IsAuthenticated: true } identity)
        {
            if (Guid.TryParse(principal.FindFirstValue(NumiClaims.ApiKeyId), out _)
                && Guid.TryParse(principal.FindFirstValue(NumiClaims.OrganizationId), out var keyOrganization))
            {
                var organization = await db.FindOrganizationNameAsync(keyOrganization, context.RequestAborted)
                    ?? throw new InvalidOperationException("An API key names an organization that does not exist.");
                tenant.Enter(keyOrganization, organization.Name, organization.Slug, role: null);
            }
            else if (principal.UserId() is not null)
            {
                var standing = await UserTenancy.ReadAsync(db, principal, context.RequestAborted);
                if (standing is null)
                {
                    // Signed out elsewhere or the password was reset: this cookie no longer holds.
                    await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                    context.User = new ClaimsPrincipal(new ClaimsIdentity());
                }
                else
                {
                    Enter(tenant, identity, standing);
                    if (IsPlatformAdmin(configuration, principal)) identity.AddClaim(new Claim(NumiClaims.PlatformAdmin, "true"));
                }
            }
        }
        await next(context);
    }

    private static void Enter(RequestTenant tenant, ClaimsIdentity identity, UserStanding standing)
    {
        tenant.Remember(standing.Memberships);
        if (standing.Current is not { } chosen) return;
        tenant.Enter(chosen.OrganizationId, chosen.Name, chosen.Slug, chosen.Role);
        identity.AddClaim(new Claim(NumiClaims.OrganizationId, chosen.OrganizationId.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Role, chosen.Role.ToString()));
    }

    internal static bool IsPlatformAdmin(IConfiguration configuration, ClaimsPrincipal principal)
    {
        var email = principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue(ClaimTypes.Name);
        var admins = configuration.GetSection("Numi:PlatformAdmins").Get<string[]>() ?? [];
        return email is not null && admins.Contains(email, StringComparer.OrdinalIgnoreCase);
    }
}

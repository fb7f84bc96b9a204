using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Tenancy;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Tenancy;

/// <summary>Puts each request inside one organization: the API key's, or the signed-in person's current one
/// (if they are still a member). Adds the person's role in it and platform-admin status as claims, so
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
            else if (principal.UserId() is { } userId)
            {
                await EnterUserOrganizationAsync(tenant, db, identity, userId, context.RequestAborted);
                if (IsPlatformAdmin(configuration, principal)) identity.AddClaim(new Claim(NumiClaims.PlatformAdmin, "true"));
            }
        }
        await next(context);
    }

    private static async Task EnterUserOrganizationAsync(RequestTenant tenant, NumiDbContext db, ClaimsIdentity identity, Guid userId, CancellationToken ct)
    {
        var current = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.CurrentOrganizationId).FirstOrDefaultAsync(ct);
        var memberships = await db.MembershipsOfUserAsync(userId, ct);
        tenant.Remember(memberships);
        var chosen = memberships.FirstOrDefault(m => m.OrganizationId == current) ?? memberships.FirstOrDefault();
        if (chosen is null) return;
        tenant.Enter(chosen.OrganizationId, chosen.Name, chosen.Slug, chosen.Role);
        identity.AddClaim(new Claim(NumiClaims.OrganizationId, chosen.OrganizationId.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Role, chosen.Role.ToString()));
    }

    private static bool IsPlatformAdmin(IConfiguration configuration, ClaimsPrincipal principal)
    {
        var email = principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue(ClaimTypes.Name);
        var admins = configuration.GetSection("Numi:PlatformAdmins").Get<string[]>() ?? [];
        return email is not null && admins.Contains(email, StringComparer.OrdinalIgnoreCase);
    }
}

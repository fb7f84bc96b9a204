using System.Security.Claims;

namespace Numi.Web.Tenancy;

public static class NumiClaims
{
    public const string OrganizationId = "numi:organization_id";
    public const string ApiKeyId = "numi:api_key_id";
    public const string ApiKeyMode = "numi:api_key_mode";
    public const string PlatformAdmin = "numi:platform_admin";

    public static Guid? UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}

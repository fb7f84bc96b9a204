using Numi.Web.Operations;

namespace Numi.Web.Features.Portal;

/// <summary>The portal links Numi emails, on its public origin. The secret is in the query, which request logs leave out.</summary>
public sealed class PortalLinks(PublicOrigin origin) : Core.Portal.IPortalUrls
{
    public string SignIn(string organizationSlug, string secret) =>
        origin.Absolute($"portal/{organizationSlug}/sign-in?token={Uri.EscapeDataString(secret)}");
}

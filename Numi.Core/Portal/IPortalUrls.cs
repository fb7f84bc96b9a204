namespace Numi.Core.Portal;

/// <summary>The absolute addresses of the customer portal, on Numi's public origin (the web host knows it; jobs that mail
/// links do not).</summary>
public interface IPortalUrls
{
    /// <summary>The link that redeems <paramref name="secret"/> in <paramref name="organizationSlug"/>'s portal.</summary>
    string SignIn(string organizationSlug, string secret);
}

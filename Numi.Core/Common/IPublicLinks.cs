namespace Numi.Core.Common;

/// <summary>Absolute links to Numi's own public pages, for what is sent outside a request (a job's email, an emailed
/// sign-in link): from the configured public address, never a request's Host header. The web host implements
/// <see cref="Absolute"/>, the one thing only it knows; the named links are built here, so every implementation (and
/// every test double) makes the same paths.</summary>
public interface IPublicLinks
{
    string Absolute(string pathAndQuery);

    /// <summary>The customer portal's start page of <paramref name="organizationSlug"/> (its sign-in form).</summary>
    string Portal(string organizationSlug) => Absolute($"portal/{organizationSlug}");

    /// <summary>The link that redeems <paramref name="secret"/> in <paramref name="organizationSlug"/>'s portal. The secret
    /// is in the query, which request logs leave out.</summary>
    string PortalSignIn(string organizationSlug, string secret) =>
        Absolute($"portal/{organizationSlug}/sign-in?token={Uri.EscapeDataString(secret)}");
}

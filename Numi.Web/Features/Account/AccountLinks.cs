using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.Extensions;
using Numi.Web.Operations;

namespace Numi.Web.Features.Account;

/// <summary>The account links Numi emails, on its public origin.</summary>
public sealed class AccountLinks(PublicOrigin origin)
{
    public string Invitation(string token) => origin.Absolute("invite/" + Uri.EscapeDataString(token));

    public string ResetPassword(string email, string token) =>
        origin.Absolute($"account/reset-password?email={Uri.EscapeDataString(email)}&token={Uri.EscapeDataString(token)}");

    public string ForgotPassword() => origin.Absolute("account/forgot-password");

    /// <summary>Only local return URLs are followed after sign-in, never another site. The one followed is escaped, so a
    /// path such as <c>/café</c> makes a valid Location header (Kestrel refuses a header value outside ASCII), while the
    /// escapes it already has are kept.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        IsLocal(returnUrl) && Uri.TryCreate(returnUrl, UriKind.Relative, out var local) ? UriHelper.Encode(local) : "/";

    // A browser reads "//host" and "/\host" as another site, and drops tabs and line breaks from a URL before reading it.
    private static bool IsLocal([NotNullWhen(true)] string? url) =>
        url is ['/', ..] && url is not ['/', '/' or '\\', ..] && !url.Any(char.IsControl);
}

namespace Numi.Web.Features.Account;

/// <summary>Absolute links for emails, from <c>Numi:PublicUrl</c> when set, else from the current request.</summary>
public sealed class AccountLinks(IHttpContextAccessor http, IConfiguration configuration)
{
    public string Absolute(string pathAndQuery)
    {
        var configured = configuration["Numi:PublicUrl"];
        var origin = !string.IsNullOrWhiteSpace(configured)
            ? configured.TrimEnd('/')
            : $"{http.HttpContext!.Request.Scheme}://{http.HttpContext.Request.Host}";
        return origin + "/" + pathAndQuery.TrimStart('/');
    }

    public string Invitation(string token) => Absolute("invite/" + Uri.EscapeDataString(token));

    public string ResetPassword(string email, string token) =>
        Absolute($"account/reset-password?email={Uri.EscapeDataString(email)}&token={Uri.EscapeDataString(token)}");

    /// <summary>Only local return URLs are followed after sign-in, never another site.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}

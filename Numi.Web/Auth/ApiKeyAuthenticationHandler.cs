using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Numi.Core.ApiKeys;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;
using Numi.Web.Api;
using Numi.Web.Tenancy;

namespace Numi.Web.Auth;

/// <summary><c>Authorization: Bearer sk_test_…</c>: finds the key by its hash and signs the request in as that
/// key's organization. Failures answer 401 as problem details, never a redirect.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    NumiDbContext db, ControllableClock clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("Use 'Authorization: Bearer sk_…'.");

        var secret = header["Bearer ".Length..].Trim();
        if (!ApiKey.LooksLikeSecret(secret)) return AuthenticateResult.Fail("The API key is not valid.");

        var key = await db.FindActiveApiKeyBySecretAsync(secret, Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("The API key is not valid or has been revoked.");

        var now = clock.GetUtcNow().UtcDateTime;
        if (key.ShouldRecordUse(now))
        {
            await db.RecordApiKeyUseAsync(key.Id, now, Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(NumiClaims.ApiKeyId, key.Id.ToString()),
            new Claim(NumiClaims.OrganizationId, key.OrganizationId.ToString()),
            new Claim(NumiClaims.ApiKeyMode, key.Mode.ToString().ToLowerInvariant()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = Context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure?.Message;
        var hasHeader = !string.IsNullOrEmpty(Request.Headers.Authorization.ToString());
        return ApiProblem.Write(Context, StatusCodes.Status401Unauthorized, "authentication_required",
            hasHeader ? failure ?? "The API key is not valid." : "Provide your secret API key as 'Authorization: Bearer sk_…'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblem.Write(Context, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "This key may not do that.");
}

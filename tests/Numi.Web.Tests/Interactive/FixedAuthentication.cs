using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Numi.Web.Tests.Interactive;

/// <summary>A circuit's authentication state that stays what the page was opened with.</summary>
public sealed class FixedAuthentication(ClaimsPrincipal principal) : AuthenticationStateProvider
{
    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(principal));
}

using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Numi.Infrastructure.Persistence;
using Numi.Web.Client.Api;
using Numi.Web.Tenancy;

namespace Numi.Web.Interactive;

/// <summary>How an interactive component's server-side data implementation touches the database. A circuit lives as
/// long as its browser tab, so each operation gets its own DI scope (its own <see cref="NumiDbContext"/>, its own
/// Core handlers) inside the organization the page was opened in, after the checks <see cref="TenantMiddleware"/>
/// makes for a request: the sign-in still holds, the person is still a member, and their current organization is
/// still this one. When any of that changed, the page reloads (to sign in, or into the organization they switched
/// to) and the operation runs nothing.</summary>
public sealed class CircuitOperations(IServiceScopeFactory scopes, AuthenticationStateProvider authentication, NavigationManager navigation)
{
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> operation, CancellationToken ct = default)
    {
        var principal = (await authentication.GetAuthenticationStateAsync()).User;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NumiDbContext>();
        var standing = await UserTenancy.ReadAsync(db, principal, ct);
        if (standing is null) throw End("account/signin");
        if (standing.Current?.OrganizationId != OpenedIn(principal)) throw End("");

        var tenant = scope.ServiceProvider.GetRequiredService<RequestTenant>();
        tenant.Remember(standing.Memberships);
        if (standing.Current is { } current) tenant.Enter(current.OrganizationId, current.Name, current.Slug, current.Role);
        return await operation(scope.ServiceProvider);
    }

    /// <summary>The organization the tenant middleware put the page's request (and the circuit's connection) in.</summary>
    internal static Guid? OpenedIn(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(NumiClaims.OrganizationId), out var id) ? id : null;

    private SessionEndedException End(string target)
    {
        navigation.NavigateTo(target, forceLoad: true);
        return new SessionEndedException();
    }
}

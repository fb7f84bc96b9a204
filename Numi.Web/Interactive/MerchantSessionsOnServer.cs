using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Numi.Contracts.Accounts;
using Numi.Core.Clocks;
using Numi.Core.Accounts;
using Numi.Infrastructure.Persistence;
using Numi.Web.Client.Shell;
using Numi.Web.Tenancy;

namespace Numi.Web.Interactive;

/// <summary><see cref="IMerchantSessions"/> on the server: the circuit's person, read through
/// <see cref="CircuitOperations"/>. The theme comes from the request's cookie while prerendering (and reaches the
/// interactive render through persistent state).</summary>
internal sealed class MerchantSessionsOnServer(
    CircuitOperations operations, AuthenticationStateProvider authentication, IHttpContextAccessor http,
    IConfiguration configuration, AccessSignals signals) : IMerchantSessions, IDisposable
{
    private bool _watching;
    private Action<string>? _ended;

    /// <summary>Raised when <see cref="CircuitAuthentication"/> finds that the circuit's sign-in no longer holds.</summary>
    public event Action<string>? Ended
    {
        add
        {
            _ended += value;
            if (_watching) return;
            authentication.AuthenticationStateChanged += OnStateChanged;
            _watching = true;
        }
        remove => _ended -= value;
    }

    public async Task<MerchantSession> ReadAsync(CancellationToken ct)
    {
        var principal = (await authentication.GetAuthenticationStateAsync()).User;
        return await operations.RunAsync(async services =>
        {
            var tenant = services.GetRequiredService<RequestTenant>();
            var userId = principal.UserId()!.Value;
            var email = await services.GetRequiredService<NumiDbContext>().Users.AsNoTracking()
                .Where(u => u.Id == userId).Select(u => u.Email).FirstAsync(ct) ?? "";
            var standing = new UserStanding(tenant.Memberships, tenant.Memberships.FirstOrDefault(m => m.OrganizationId == tenant.OrganizationId));
            return MerchantSessions.Describe(email, TenantMiddleware.IsPlatformAdmin(configuration, principal), standing,
                MerchantSessions.PrefersDark(http.HttpContext?.Request), services.GetRequiredService<ControllableClock>());
        }, ct);
    }

    public async Task<bool> SwitchOrganizationAsync(Guid organizationId, CancellationToken ct)
    {
        var principal = (await authentication.GetAuthenticationStateAsync()).User;
        return await operations.RunAsync(services => UserTenancy.SwitchAsync(
            services.GetRequiredService<NumiDbContext>(), signals, principal.UserId()!.Value, organizationId, ct), ct);
    }

    private async void OnStateChanged(Task<AuthenticationState> task)
    {
        if ((await task).User.Identity?.IsAuthenticated == true) return;
        _ended?.Invoke(authentication is CircuitAuthentication circuit ? circuit.ReloadTo : "");
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnStateChanged;
}

/// <summary>Builds the app bar's <see cref="MerchantSession"/> for the server implementation and <c>GET /api/v1/me</c>.</summary>
internal static class MerchantSessions
{
    public static MerchantSession Describe(string email, bool platformAdmin, UserStanding standing, bool darkMode, ControllableClock clock)
    {
        var organizations = standing.Memberships.Select(m => new MerchantOrganization(m.OrganizationId, m.Name, m.Role.ToString())).ToList();
        var current = organizations.FirstOrDefault(o => o.Id == standing.Current?.OrganizationId);
        return new MerchantSession(email, platformAdmin, current, organizations, darkMode, clock.Controllable);
    }

    public static bool PrefersDark(HttpRequest? request) => request?.Cookies[Client.Shell.NumiTheme.Cookie] == "dark";
}

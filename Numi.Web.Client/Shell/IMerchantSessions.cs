using Numi.Contracts.Accounts;

namespace Numi.Web.Client.Shell;

/// <summary>The signed-in person and their organizations, for the app bar. On the server it reads the database for the
/// circuit's person; in the browser it calls <c>/api/v1/me</c> with the sign-in cookie.</summary>
public interface IMerchantSessions
{
    Task<MerchantSession> ReadAsync(CancellationToken ct);

    /// <summary>Raised on the server when the circuit's sign-in stops holding (signed out, removed, switched
    /// elsewhere), with the address to reload (sign-in, or the dashboard of the now-current organization).
    /// In the browser the API's 401 does the same.</summary>
    event Action<string>? Ended;

    /// <summary>Makes <paramref name="organizationId"/> the person's current organization; false when they are not
    /// (or no longer) a member of it.</summary>
    Task<bool> SwitchOrganizationAsync(Guid organizationId, CancellationToken ct);
}

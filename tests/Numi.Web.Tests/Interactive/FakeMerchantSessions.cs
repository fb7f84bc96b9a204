using Numi.Contracts.Accounts;
using Numi.Web.Client.Shell;

namespace Numi.Web.Tests.Interactive;

/// <summary>An <see cref="IMerchantSessions"/> that answers with a given session and records what the shell asked.</summary>
public sealed class FakeMerchantSessions(MerchantSession session) : IMerchantSessions
{
    public int Reads { get; private set; }

    /// <summary>The organizations the shell asked to switch to, in order.</summary>
    public List<Guid> Switches { get; } = [];

    /// <summary>What <see cref="SwitchOrganizationAsync"/> answers: false as for an organization the person left.</summary>
    public bool SwitchAccepted { get; set; } = true;

    public event Action<string>? Ended;

    public int EndedListeners => Ended?.GetInvocationList().Length ?? 0;

    /// <summary>What the server does when the circuit's sign-in stops holding.</summary>
    public void End(string target) => Ended?.Invoke(target);

    public Task<MerchantSession> ReadAsync(CancellationToken ct)
    {
        Reads++;
        return Task.FromResult(session);
    }

    public Task<bool> SwitchOrganizationAsync(Guid organizationId, CancellationToken ct)
    {
        Switches.Add(organizationId);
        return Task.FromResult(SwitchAccepted);
    }
}

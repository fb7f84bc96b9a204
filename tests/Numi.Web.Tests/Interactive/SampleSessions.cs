using Numi.Contracts.Accounts;

namespace Numi.Web.Tests.Interactive;

/// <summary>Signed-in people as the shell receives them.</summary>
public static class SampleSessions
{
    public static readonly MerchantOrganization Acme = new(Guid.NewGuid(), "Acme Coffee", "Owner");
    public static readonly MerchantOrganization Bolt = new(Guid.NewGuid(), "Bolt Bikes", "Member");

    /// <summary>Works in Acme and also belongs to Bolt.</summary>
    public static MerchantSession InAcme(bool platformAdmin = false, bool clockMovable = true) =>
        new("ada@example.test", platformAdmin, Acme, [Acme, Bolt], DarkMode: false, clockMovable);

    /// <summary>Signed in, but in no organization yet.</summary>
    public static MerchantSession WithoutOrganization() =>
        new("newcomer@example.test", IsPlatformAdmin: false, Current: null, Organizations: [], DarkMode: false, ClockMovable: true);
}

using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.FunnelRuntime;

/// <summary>The app for tests that build funnels and publish them again and again through the API: some twenty-five
/// calls in a second or so, past the API's per-key rate limit (which has tests of its own).</summary>
public sealed class FunnelNumiFactory : NumiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [.. base.Settings(), FunnelFactories.Unlimited];
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class FunnelPostgresFactory : PostgresNumiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [.. base.Settings(), FunnelFactories.Unlimited];
}

internal static class FunnelFactories
{
    public static readonly KeyValuePair<string, string> Unlimited = new("Numi:Api:RequestsPerSecond", "100000");
}

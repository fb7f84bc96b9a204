using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.FunnelRuntime;

/// <summary>The app on PostgreSQL for the funnel walks: building a funnel through the API takes some twenty calls,
/// which PostgreSQL answers fast enough to meet the API's per-key rate limit (it has tests of its own).</summary>
public sealed class FunnelPostgresFactory : PostgresNumiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [.. base.Settings(), new("Numi:Api:RequestsPerSecond", "100000")];
}

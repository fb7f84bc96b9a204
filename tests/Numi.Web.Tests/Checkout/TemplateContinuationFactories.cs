using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Checkout;

/// <summary>Apps whose kept offers live <see cref="Seconds"/> (<c>Checkout:PageCacheDuration</c>), so a test can wait for
/// the offer's next read: on SQLite and on PostgreSQL.</summary>
public sealed class ShortOfferCacheFactory : NumiFactory
{
    public const int Seconds = 3;

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [.. base.Settings(), new("Checkout:PageCacheDuration", $"00:00:0{Seconds}")];
}

public sealed class ShortOfferCachePostgresFactory : PostgresNumiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [.. base.Settings(), new("Checkout:PageCacheDuration", $"00:00:0{ShortOfferCacheFactory.Seconds}")];
}

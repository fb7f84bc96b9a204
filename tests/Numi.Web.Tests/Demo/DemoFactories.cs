using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Demo;

/// <summary>The app as a fresh clone starts it: demo data seeded, with a known test key.</summary>
public sealed class DemoNumiFactory : NumiFactory
{
    public const string ApiKey = "sk_test_demo_0123456789abcdef0123456789abcdef";

    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [.. base.Settings(), .. DemoSettings.On];
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class DemoPostgresNumiFactory : PostgresNumiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() => [.. base.Settings(), .. DemoSettings.On];
}

internal static class DemoSettings
{
    public static readonly KeyValuePair<string, string>[] On =
    [
        new("Numi:Demo:Enabled", "true"),
        new("Numi:Demo:ApiKey", DemoNumiFactory.ApiKey),
        new("Numi:Demo:Password", "Demo-password-1"),
    ];
}

using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Payments;
using Numi.Infrastructure.Tests.Support;
using Numi.Web.Tenancy;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Stripe;

/// <summary>The web app with <c>Stripe:ApiBase</c> pointing at a local fake Stripe that records what Numi sends.</summary>
public sealed class StripeFactory : NumiFactory, IAsyncLifetime
{
    public FakeStripeServer Stripe { get; private set; } = null!;

    public async Task InitializeAsync() => Stripe = await FakeStripeServer.StartAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
    }

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        .. base.Settings(),
        new("Stripe:ApiBase", Stripe.Address.ToString().TrimEnd('/')),
    ];

    /// <summary>Keys of a Stripe test account of its own (the fake keeps one account per secret key).</summary>
    public static (string Secret, string Publishable, string Signing) NewKeys()
    {
        static string Part() => Guid.NewGuid().ToString("N");
        return ("sk_test_" + Part(), "pk_test_" + Part(), "whsec_" + Part());
    }

    /// <summary>Connects Stripe for the organization as its owner would, through the use case, with new keys (a fake Stripe
    /// account of its own) or the given ones; returns the keys.</summary>
    public async Task<(string Secret, string Publishable, string Signing)> ConnectStripeAsync(Guid organizationId,
        (string Secret, string Publishable, string Signing)? again = null)
    {
        var keys = again ?? NewKeys();
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestTenant>().Enter(organizationId, "tests", "tests", role: null);
        var result = await scope.ServiceProvider.GetRequiredService<ConnectStripeHandler>()
            .HandleAsync(new ConnectStripe(keys.Secret, keys.Publishable, keys.Signing), CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return keys;
    }

    /// <summary>Disconnects Stripe for the organization through the use case (the settings page's form does the same).</summary>
    public async Task DisconnectStripeAsync(Guid organizationId)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestTenant>().Enter(organizationId, "tests", "tests", role: null);
        var result = await scope.ServiceProvider.GetRequiredService<DisconnectStripeHandler>().HandleAsync(new DisconnectStripe(), CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
    }
}

[CollectionDefinition(Name)]
public sealed class StripeCollection : ICollectionFixture<StripeFactory>
{
    public const string Name = "stripe";
}

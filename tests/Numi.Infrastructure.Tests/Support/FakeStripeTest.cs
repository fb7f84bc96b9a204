using Numi.Core.Payments;
using Numi.Infrastructure.Stripe;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>A test class with a fake Stripe of its own, started before each test and stopped after it, and the Stripe
/// gateway of one organization (whose shoppers have no customer in Numi yet) on it.</summary>
public abstract class FakeStripeTest : IAsyncLifetime
{
    protected const string Key = "sk_test_alphaaccount000001";
    protected static readonly Guid Organization = Guid.CreateVersion7();

    protected FakeStripeServer Stripe { get; private set; } = null!;

    public async Task InitializeAsync() => Stripe = await FakeStripeServer.StartAsync();

    public async Task DisposeAsync() => await Stripe.DisposeAsync();

    protected StripeGateway Gateway(string key = Key, Guid? organization = null, int maxNetworkRetries = 2) =>
        new(Stripe.Clients(maxNetworkRetries).Create(key), organization ?? Organization, new NoStripeCustomersYet());

    /// <summary>A checkout's payment of 15.00 USD with a Stripe test payment method, under the attempt's idempotency key.</summary>
    protected static ChargeRequest Charge(string method, string key = "cs_0001-1", bool offSession = false) =>
        new(1500, "usd", key, method, null, "Shopper@Example.test", offSession, "Coffee Club", "cs_0001");
}

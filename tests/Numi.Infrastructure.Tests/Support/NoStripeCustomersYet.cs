using Numi.Infrastructure.Stripe;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>An organization whose shoppers have no customer in Numi yet (the database's links have their own tests).</summary>
public sealed class NoStripeCustomersYet : IStripeCustomerLinks
{
    public Task<string?> LinkedAsync(string emailKey, CancellationToken ct) => Task.FromResult<string?>(null);

    public Task<string> LinkAsync(string emailKey, string stripeCustomerId, CancellationToken ct) => Task.FromResult(stripeCustomerId);
}

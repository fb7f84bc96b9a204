using Microsoft.EntityFrameworkCore;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Stripe;

/// <summary>Where the current organization's customers keep the id of their Stripe customer.</summary>
public interface IStripeCustomerLinks
{
    /// <summary>The Stripe customer linked to the customer with this email key, if that customer exists and has one.</summary>
    Task<string?> LinkedAsync(string emailKey, CancellationToken ct);

    /// <summary>Links the customer with this email key (when there is one) to <paramref name="stripeCustomerId"/> unless
    /// another payment linked it first, and answers the Stripe customer the customer keeps.</summary>
    Task<string> LinkAsync(string emailKey, string stripeCustomerId, CancellationToken ct);
}

/// <summary>The links in the customers table. Linking is a conditional update (only while no id is stored), so of two
/// payments linking at once the second gets the first one's Stripe customer.</summary>
public sealed class StripeCustomerLinks(NumiDbContext db) : IStripeCustomerLinks
{
    public Task<string?> LinkedAsync(string emailKey, CancellationToken ct) =>
        db.Customers.Where(c => c.EmailKey == emailKey).Select(c => c.StripeCustomerId).FirstOrDefaultAsync(ct);

    public async Task<string> LinkAsync(string emailKey, string stripeCustomerId, CancellationToken ct)
    {
        var customer = db.Customers.Where(c => c.EmailKey == emailKey);
        var linked = await customer.Where(c => c.StripeCustomerId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.StripeCustomerId, stripeCustomerId), ct);
        if (linked > 0) return stripeCustomerId;
        return await customer.Select(c => c.StripeCustomerId).FirstOrDefaultAsync(ct) ?? stripeCustomerId;
    }
}

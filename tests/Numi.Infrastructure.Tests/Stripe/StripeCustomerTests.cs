using Microsoft.EntityFrameworkCore;
using Numi.Core.Payments;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Stripe;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Stripe;

/// <summary>One Numi customer, one Stripe customer (SQLite and PostgreSQL): the Stripe customer's id is kept on the
/// customer by a conditional update, simultaneous payments end up with the same one, and later payments use it.</summary>
public sealed class StripeCustomerTests
{
    private static ChargeRequest Charge(string key, string email) => new(1500, "usd", key, "pm_card_visa", null, email, CheckoutSession: key);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Simultaneous_payments_of_one_customer_link_one_Stripe_customer_that_later_payments_reuse(DatabaseProvider provider)
    {
        await using var stripe = await FakeStripeServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        var email = seeded.A.Customer.Email;
        var clients = stripe.Clients();
        async Task<ChargeOutcome> PayAsync(string key)
        {
            await using var db = database.CreateContext(new TestTenant(seeded.A.Id));
            var gateway = await new StripeConnections(db, TwoOrganizations.Protector, clients).GatewayAsync(CancellationToken.None);
            return await gateway!.ChargeAsync(Charge(key, email), CancellationToken.None);
        }
        stripe.Gather("GET", "/v1/customers", 2);
        stripe.Gather("POST", "/v1/customers", 2);

        var outcomes = await Task.WhenAll(PayAsync("cs_one-1"), PayAsync("cs_two-1"));

        Assert.All(outcomes, o => Assert.True(o.Succeeded));
        var created = Assert.Single(stripe.CustomersWith(email));
        await using (var read = database.CreateContext())
        {
            var stored = await read.Customers.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(c => c.OrganizationId, c => c.StripeCustomerId);
            Assert.Equal(created, stored[seeded.A.Id]);
            Assert.Null(stored[seeded.B.Id]);
        }

        var asked = stripe.Requests.Count;
        Assert.True((await PayAsync("cs_three-1")).Succeeded);

        // The third payment asked Stripe for nothing but the payment itself, for the linked customer.
        var later = stripe.Requests.Skip(asked).ToList();
        Assert.Equal(("POST", "/v1/payment_intents", created), (later.Single().Method, later[0].Path, later[0].Field("customer")));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_second_link_keeps_the_first_Stripe_customer_and_an_unknown_shopper_links_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        var emailKey = seeded.A.Customer.EmailKey;
        await using var first = database.CreateContext(new TestTenant(seeded.A.Id));
        await using var second = database.CreateContext(new TestTenant(seeded.A.Id));
        await using var otherOrganization = database.CreateContext(new TestTenant(seeded.B.Id));

        Assert.Null(await new StripeCustomerLinks(first).LinkedAsync(emailKey, CancellationToken.None));
        Assert.Equal("cus_first", await new StripeCustomerLinks(first).LinkAsync(emailKey, "cus_first", CancellationToken.None));
        Assert.Equal("cus_first", await new StripeCustomerLinks(second).LinkAsync(emailKey, "cus_second", CancellationToken.None));
        Assert.Equal("cus_new", await new StripeCustomerLinks(first).LinkAsync("nobody@example.test", "cus_new", CancellationToken.None));
        // Another organization's link of the same email reaches only its own customers (it has none with that email).
        Assert.Equal("cus_other", await new StripeCustomerLinks(otherOrganization).LinkAsync(emailKey, "cus_other", CancellationToken.None));

        Assert.Equal("cus_first", await new StripeCustomerLinks(second).LinkedAsync(emailKey, CancellationToken.None));
        await using var read = database.CreateContext();
        var linked = await read.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => c.StripeCustomerId != null).Select(c => c.StripeCustomerId).ToListAsync();
        Assert.Equal(["cus_first"], linked);
    }
}

using Microsoft.EntityFrameworkCore;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Customers;
using Numi.Core.Portal;
using Numi.Infrastructure.Email;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Portal;

/// <summary>Portal sign-in links stored and redeemed on both providers: a link is mailed only to a customer of the
/// organization, stored as a hash, redeemed once (also when two redemptions race), never after its 15 minutes, and never
/// from another organization; an update-card link lands only on the signed-in customer's own subscription.</summary>
public sealed class PortalSignInTokenStoreTests
{
    /// <summary>Two organizations, and a link organization A's customer asked for at <see cref="TwoOrganizations.Now"/>.</summary>
    private static async Task<(TestDatabase Database, TwoOrganizations Seeded, FakeTimeProvider Clock, string Secret)> LinkAsync(DatabaseProvider provider)
    {
        var (database, seeded) = await TwoOrganizations.NewDatabaseAsync(provider);
        var clock = new FakeTimeProvider(TwoOrganizations.Now);
        var secret = await RequestAsync(database, seeded.A.Id, seeded.A.Customer.Email, clock);
        Assert.NotNull(secret);
        return (database, seeded, clock, secret);
    }

    /// <summary>Asks for a link as organization A's portal would, and answers the secret the mail carries.</summary>
    private static async Task<string?> RequestAsync(TestDatabase database, Guid organizationId, string email, ControllableClock clock)
    {
        await using var db = database.CreateContext(new TestTenant(organizationId));
        string? secret = null;
        var handler = new RequestPortalLinkHandler(db, new TestTenant(organizationId), new OutboxEmailSender(db, clock), clock);
        var result = await handler.HandleAsync(new RequestPortalLink(email, s => { secret = s; return "https://numi.example/portal/a/sign-in?token=" + s; }), default);
        Assert.True(result.Succeeded);
        return secret;
    }

    private static async Task<PortalLinkOutcome> RedeemAsync(TestDatabase database, Guid organizationId, string? secret, ControllableClock clock)
    {
        await using var db = database.CreateContext(new TestTenant(organizationId));
        return await new RedeemPortalLinkHandler(db, clock).HandleAsync(secret, default);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_customer_gets_a_hashed_link_in_the_outbox_and_a_stranger_gets_nothing(DatabaseProvider provider)
    {
        var (database, seeded) = await TwoOrganizations.NewDatabaseAsync(provider);
        await using var _ = database;
        var clock = new FakeTimeProvider(TwoOrganizations.Now);

        var secret = await RequestAsync(database, seeded.A.Id, "  SHOPPER@alpha.example ", clock);
        var none = await RequestAsync(database, seeded.A.Id, "nobody@alpha.example", clock);
        var otherOrganizations = await RequestAsync(database, seeded.A.Id, seeded.B.Customer.Email, clock);

        Assert.NotNull(secret);
        Assert.Null(none);
        Assert.Null(otherOrganizations);
        await using var db = database.CreateContext(new TestTenant(seeded.A.Id));
        var hash = SecretToken.Hash(secret);
        var stored = await db.PortalSignInTokens.SingleAsync(t => t.TokenHash == hash);
        Assert.Equal((seeded.A.Customer.Id, TwoOrganizations.Now.AddMinutes(15), (DateTime?)null), (stored.CustomerId, stored.ExpiresAt, stored.UsedAt));
        Assert.False(await db.PortalSignInTokens.AnyAsync(t => t.TokenHash == secret));
        var mail = await db.OutboxMessages.SingleAsync(m => m.To == seeded.A.Customer.Email);
        Assert.Contains(secret, mail.TextBody);
        Assert.Equal(seeded.A.Id, mail.OrganizationId);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_link_signs_in_once_and_then_says_it_was_used(DatabaseProvider provider)
    {
        var (database, seeded, clock, secret) = await LinkAsync(provider);
        await using var _ = database;
        clock.Advance(TimeSpan.FromMinutes(14));

        var first = await RedeemAsync(database, seeded.A.Id, secret, clock);
        var second = await RedeemAsync(database, seeded.A.Id, secret, clock);

        Assert.Equal(new PortalLinkOutcome(seeded.A.Customer.Id), first);
        Assert.Equal(new PortalLinkOutcome(null, PortalLinkRefusal.Used), second);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_expired_link_is_refused_and_not_burned(DatabaseProvider provider)
    {
        var (database, seeded, clock, secret) = await LinkAsync(provider);
        await using var _ = database;
        clock.Advance(PortalSignInToken.Lifetime);

        var late = await RedeemAsync(database, seeded.A.Id, secret, clock);

        Assert.Equal(new PortalLinkOutcome(null, PortalLinkRefusal.Expired), late);
        await using var db = database.CreateContext(new TestTenant(seeded.A.Id));
        var hash = SecretToken.Hash(secret);
        Assert.Null((await db.PortalSignInTokens.SingleAsync(t => t.TokenHash == hash)).UsedAt);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Another_organizations_link_is_unknown_here_and_stays_usable_there(DatabaseProvider provider)
    {
        var (database, seeded, clock, secret) = await LinkAsync(provider);
        await using var _ = database;

        var elsewhere = await RedeemAsync(database, seeded.B.Id, secret, clock);
        var tampered = await RedeemAsync(database, seeded.A.Id, secret[..^1] + (secret[^1] == 'a' ? 'b' : 'a'), clock);
        var home = await RedeemAsync(database, seeded.A.Id, secret, clock);

        Assert.Equal(new PortalLinkOutcome(null), elsewhere);
        Assert.Equal(new PortalLinkOutcome(null), tampered);
        Assert.Equal(new PortalLinkOutcome(seeded.A.Customer.Id), home);
    }

    /// <summary>Stores an update-card link of organization A for <paramref name="customerId"/> naming
    /// <paramref name="subscriptionId"/>, as a dunning email would carry it; answers its secret.</summary>
    private static async Task<string> UpdateCardLinkAsync(TestDatabase database, Guid organizationId, Guid customerId, Guid subscriptionId)
    {
        await using var db = database.CreateContext(new TestTenant(organizationId));
        var (token, secret) = PortalSignInToken.IssueUpdateCard(organizationId, customerId, subscriptionId, TwoOrganizations.Now);
        db.PortalSignInTokens.Add(token);
        await db.SaveChangesAsync();
        return secret;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_update_card_link_lands_on_the_customers_own_subscription_and_on_no_other(DatabaseProvider provider)
    {
        var (database, seeded) = await TwoOrganizations.NewDatabaseAsync(provider);
        await using var _ = database;
        var clock = new FakeTimeProvider(TwoOrganizations.Now.AddDays(6));
        var stranger = Customer.Create("stranger@alpha.example", "Stranger", null, TwoOrganizations.Now);
        stranger.OrganizationId = seeded.A.Id;
        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            db.Customers.Add(stranger);
            await db.SaveChangesAsync();
        }
        var own = await UpdateCardLinkAsync(database, seeded.A.Id, seeded.A.Customer.Id, seeded.A.Subscription.Id);
        var anotherCustomers = await UpdateCardLinkAsync(database, seeded.A.Id, stranger.Id, seeded.A.Subscription.Id);
        var anotherOrganizations = await UpdateCardLinkAsync(database, seeded.A.Id, seeded.A.Customer.Id, seeded.B.Subscription.Id);

        var landed = await RedeemAsync(database, seeded.A.Id, own, clock);
        var notTheirs = await RedeemAsync(database, seeded.A.Id, anotherCustomers, clock);
        var notHere = await RedeemAsync(database, seeded.A.Id, anotherOrganizations, clock);

        Assert.Equal(new PortalLinkOutcome(seeded.A.Customer.Id, SubscriptionId: seeded.A.Subscription.Id), landed);
        // Both still sign their customer in, only without a landing.
        Assert.Equal(new PortalLinkOutcome(stranger.Id), notTheirs);
        Assert.Equal(new PortalLinkOutcome(seeded.A.Customer.Id), notHere);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Of_two_redemptions_at_once_exactly_one_signs_in(DatabaseProvider provider)
    {
        var (database, seeded) = await TwoOrganizations.NewDatabaseAsync(provider);
        await using var _ = database;
        var clock = new FakeTimeProvider(TwoOrganizations.Now);
        for (var round = 0; round < 10; round++)
        {
            var secret = await RequestAsync(database, seeded.A.Id, seeded.A.Customer.Email, clock);
            using var start = new ManualResetEventSlim();
            var racers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await RedeemAsync(database, seeded.A.Id, secret, clock);
            })).ToList();
            start.Set();
            var outcomes = await Task.WhenAll(racers);

            Assert.Single(outcomes, o => o.SignedIn);
            Assert.Single(outcomes, o => o.Refusal == PortalLinkRefusal.Used);
        }
    }
}

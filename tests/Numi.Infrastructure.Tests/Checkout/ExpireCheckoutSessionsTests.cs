using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Checkout;

public sealed class ExpireCheckoutSessionsTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_open_sessions_past_their_lifetime_expire_in_every_organization(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        var start = TwoOrganizations.Now;
        Guid stale, fresh, held, other, pending;
        await using (var db = database.CreateContext())
        {
            stale = Add(db, seeded.A, start, TimeSpan.FromHours(1));
            fresh = Add(db, seeded.A, start, TimeSpan.FromHours(48));
            held = Add(db, seeded.A, start, TimeSpan.FromHours(1));
            other = Add(db, seeded.B, start, TimeSpan.FromHours(1));
            pending = Add(db, seeded.A, start, TimeSpan.FromHours(1));
            await db.SaveChangesAsync();
            // Waiting for the shopper's bank when its time ran out: the payment may still succeed.
            var waiting = await db.CheckoutSessions.IgnoreQueryFilters().SingleAsync(s => s.Id == pending);
            waiting.AwaitAuthentication("pi_waiting", start.AddMinutes(58));
            await db.SaveChangesAsync();
            var attempt = await db.CheckoutSessions.IgnoreQueryFilters().SingleAsync(s => s.Id == held);
            Assert.True(attempt.BeginAttempt(start.AddMinutes(59)).Succeeded);
            await db.SaveChangesAsync();
        }

        int expired;
        await using (var db = database.CreateContext())
            expired = await new ExpireCheckoutSessionsHandler(db, new Numi.Core.Discounts.DiscountReservations(db), new FakeTimeProvider(new DateTimeOffset(start.AddHours(2), TimeSpan.Zero))).HandleAsync(default);

        await using var check = database.CreateContext();
        var statuses = await check.CheckoutSessions.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Status);
        Assert.Equal(2, expired);
        Assert.Equal(CheckoutSessionStatus.Expired, statuses[stale]);
        Assert.Equal(CheckoutSessionStatus.Expired, statuses[other]);
        Assert.Equal(CheckoutSessionStatus.Open, statuses[fresh]);
        Assert.Equal(CheckoutSessionStatus.Processing, statuses[held]);
        Assert.Equal(CheckoutSessionStatus.Open, statuses[pending]);
        // The seeded sessions were already complete and stay so.
        Assert.Equal(CheckoutSessionStatus.Complete, statuses[seeded.A.Session.Id]);
    }

    private static Guid Add(NumiDbContext db, TwoOrganizations.Tenant tenant, DateTime now, TimeSpan lifetime)
    {
        var selection = CheckoutCart.Defaults(tenant.Offer);
        var cart = CheckoutCart.Build(tenant.Offer, new Dictionary<Guid, Price> { [tenant.Price.Id] = tenant.Price }, selection).Value;
        var session = CheckoutSession.Start(tenant.Offer.Id, cart, selection, null, now, lifetime);
        session.OrganizationId = tenant.Id;
        db.CheckoutSessions.Add(session);
        return session.Id;
    }
}

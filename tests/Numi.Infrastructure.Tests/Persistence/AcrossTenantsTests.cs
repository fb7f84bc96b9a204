using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Persistence;

/// <summary>Each helper that looks past the tenant filter, on both providers, from inside another organization (B):
/// it finds what its purpose names in organization A, and nothing more.</summary>
public sealed class AcrossTenantsTests
{
    private static Task<(TestDatabase Database, TwoOrganizations Seeded)> SeedAsync(DatabaseProvider provider) => TwoOrganizations.NewDatabaseAsync(provider);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_api_key_is_found_by_its_own_secret_only_and_not_once_revoked(DatabaseProvider provider)
    {
        var (database, seeded) = await SeedAsync(provider);
        await using var _ = database;
        await using var db = database.CreateContext(new TestTenant(seeded.B.Id));

        var found = await db.FindActiveApiKeyBySecretAsync(seeded.A.ApiKeySecret, default);
        var wrong = await db.FindActiveApiKeyBySecretAsync(seeded.A.ApiKeySecret + "x", default);
        var revoked = await db.ApiKeys.FirstAsync(k => k.Id == seeded.B.ApiKey.Id);
        revoked.Revoke(TwoOrganizations.Now);
        await db.SaveChangesAsync();

        Assert.Equal((seeded.A.ApiKey.Id, seeded.A.Id), (found!.Id, found.OrganizationId));
        Assert.Null(wrong);
        Assert.Null(await db.FindActiveApiKeyBySecretAsync(seeded.B.ApiKeySecret, default));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Recording_a_keys_use_touches_that_key_only(DatabaseProvider provider)
    {
        var (database, seeded) = await SeedAsync(provider);
        await using var _ = database;
        await using var db = database.CreateContext(new TestTenant(seeded.B.Id));

        await db.RecordApiKeyUseAsync(seeded.A.ApiKey.Id, TwoOrganizations.Now.AddHours(1), default);

        await using var all = database.CreateContext();
        var used = await all.ApiKeys.IgnoreQueryFilters().ToDictionaryAsync(k => k.Id, k => k.LastUsedAt);
        Assert.Equal(TwoOrganizations.Now.AddHours(1), used[seeded.A.ApiKey.Id]);
        Assert.Null(used[seeded.B.ApiKey.Id]);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_organization_is_named_by_its_id(DatabaseProvider provider)
    {
        var (database, seeded) = await SeedAsync(provider);
        await using var _ = database;
        await using var db = database.CreateContext(new TestTenant(seeded.B.Id));

        Assert.Equal(new OrganizationName(seeded.A.Id, "alpha Inc", "alpha"), await db.FindOrganizationNameAsync(seeded.A.Id, default));
        Assert.Null(await db.FindOrganizationNameAsync(Guid.NewGuid(), default));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_persons_memberships_are_theirs_alone(DatabaseProvider provider)
    {
        var (database, seeded) = await SeedAsync(provider);
        await using var _ = database;
        await using var db = database.CreateContext(new TestTenant(seeded.B.Id));

        var memberships = await db.MembershipsOfUserAsync(seeded.A.User.Id, default);

        var only = Assert.Single(memberships);
        Assert.Equal((seeded.A.Id, "alpha"), (only.OrganizationId, only.Slug));
        Assert.Empty(await db.MembershipsOfUserAsync(Guid.NewGuid(), default));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_invitation_is_found_by_its_own_token_and_a_membership_by_its_organization_and_person(DatabaseProvider provider)
    {
        var (database, seeded) = await SeedAsync(provider);
        await using var _ = database;
        await using var db = database.CreateContext(new TestTenant(seeded.B.Id));

        var invitation = await db.FindInvitationByTokenAsync(seeded.A.InvitationToken, default);

        Assert.Equal((seeded.A.Invitation.Id, seeded.A.Id), (invitation!.Id, invitation.OrganizationId));
        Assert.Null(await db.FindInvitationByTokenAsync("not-a-token", default));
        Assert.Equal(seeded.A.Membership.Id, (await db.FindMembershipAsync(seeded.A.Id, seeded.A.User.Id, default))?.Id);
        Assert.Null(await db.FindMembershipAsync(seeded.A.Id, seeded.B.User.Id, default));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_product_image_is_public_at_its_current_version_only(DatabaseProvider provider)
    {
        var (database, seeded) = await SeedAsync(provider);
        await using var _ = database;
        await using var db = database.CreateContext(new TestTenant(seeded.B.Id));

        var image = await db.FindPublicProductImageAsync(seeded.A.Product.Id, "v-alpha", default);

        Assert.Equal("image/png", image?.ContentType);
        Assert.Null(await db.FindPublicProductImageAsync(seeded.A.Product.Id, "v-bravo", default));
        Assert.Null(await db.FindPublicProductImageAsync(seeded.B.Product.Id, "v-alpha", default));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_sweeps_touch_every_organizations_due_rows_and_nothing_else(DatabaseProvider provider)
    {
        var (database, seeded) = await SeedAsync(provider);
        await using var _ = database;
        await using var db = database.CreateContext(new TestTenant(seeded.B.Id));

        // The seeded records keep their 24 hours; the seeded sessions are paid, so never expire.
        var keptRecords = await db.PurgeExpiredIdempotencyRecordsAsync(TwoOrganizations.Now.AddHours(23), default);
        var expiredSessions = await db.ExpireOpenCheckoutSessionsAsync(TwoOrganizations.Now.AddDays(30), default);
        var purgedRecords = await db.PurgeExpiredIdempotencyRecordsAsync(TwoOrganizations.Now.AddHours(25), default);
        // Each organization's seeded portal link expires 15 minutes after Now.
        var keptLinks = await db.PurgeOldPortalLinksAsync(TwoOrganizations.Now.AddMinutes(14), default);
        var purgedLinks = await db.PurgeOldPortalLinksAsync(TwoOrganizations.Now.AddMinutes(15), default);

        Assert.Equal((0, 0, 2, 0, 2), (keptRecords, expiredSessions, purgedRecords, keptLinks, purgedLinks));
        await using var all = database.CreateContext();
        Assert.Empty(await all.IdempotencyRecords.IgnoreQueryFilters().ToListAsync());
        Assert.Empty(await all.PortalSignInTokens.IgnoreQueryFilters().ToListAsync());
        Assert.True(await db.AnyOrganizationAsync(default));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_pattern_analysis_finds_every_organization_with_customers_and_no_other(DatabaseProvider provider)
    {
        var (database, seeded) = await SeedAsync(provider);
        await using var _ = database;
        await using (var write = database.CreateContext())
        {
            write.Organizations.Add(Core.Organizations.Organization.Create("Empty Inc", "empty", "usd", "UTC", TwoOrganizations.Now));
            await write.SaveChangesAsync();
        }
        await using var db = database.CreateContext(new TestTenant(seeded.B.Id));

        var all = await db.OrganizationsWithCustomersAsync(null, 10, default);
        var afterFirst = await db.OrganizationsWithCustomersAsync(all[0].Id, 10, default);

        Assert.Equal(new[] { seeded.A.Id, seeded.B.Id }.Order(), all.Select(o => o.OrganizationId).Order());
        Assert.Equal(all[1..], afterFirst);
        Assert.Equal((seeded.A.Organization.Name, seeded.A.Organization.Slug),
            all.Where(o => o.Id == seeded.A.Id).Select(o => (o.OrganizationName, o.OrganizationSlug)).Single());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_webhook_url_finds_its_own_organization_events_and_secrets(DatabaseProvider provider)
    {
        var (database, seeded) = await SeedAsync(provider);
        await using var _ = database;
        await using var db = database.CreateContext(new TestTenant(seeded.B.Id));

        var owner = await db.FindWebhookOwnerAsync("alpha", default);

        Assert.Equal(seeded.A.Id, owner?.Id);
        Assert.Equal(seeded.A.Id, (await db.FindWebhookOwnerAsync("ALPHA", default))?.Id);
        Assert.Null(await db.FindWebhookOwnerAsync("nobody", default));
        Assert.True(await db.WebhookEventStoredAsync(seeded.A.Id, "stripe", "evt_alpha", default));
        Assert.False(await db.WebhookEventStoredAsync(seeded.A.Id, "stripe", "evt_bravo", default));
        var secrets = await db.ProtectedWebhookSecretsOfAsync(seeded.A.Id, default);
        Assert.Contains("whsec_alphasigningsecret", TwoOrganizations.Protector.Unprotect(secrets!));
        Assert.Null(await db.ProtectedWebhookSecretsOfAsync(Guid.NewGuid(), default));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_webhook_inbox_finds_stored_events_of_the_organization_it_names_and_rows_by_their_own_ids(DatabaseProvider provider)
    {
        var (database, seeded) = await SeedAsync(provider);
        await using var _ = database;
        await using var db = database.CreateContext(new TestTenant(seeded.B.Id));
        var rows = await db.WebhookEvents.IgnoreQueryFilters().ToDictionaryAsync(e => e.EventId, e => e.Id);

        var storedByA = db.StoredWebhookEventIds(seeded.A.Id, "stripe", ["evt_alpha", "evt_bravo", "evt_nobody"]).ToList();
        var otherProvider = db.StoredWebhookEventIds(seeded.A.Id, "paypal", ["evt_alpha"]).ToList();
        var existing = db.ExistingWebhookEvents([rows["evt_alpha"], rows["evt_bravo"], Guid.NewGuid()]).ToList();

        Assert.Equal(["evt_alpha"], storedByA);
        Assert.Empty(otherProvider);
        Assert.Equal(new[] { rows["evt_alpha"], rows["evt_bravo"] }.Order(), existing.Order());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Due_webhook_events_come_from_every_organization_each_with_its_own(DatabaseProvider provider)
    {
        var (database, seeded) = await SeedAsync(provider);
        await using var _ = database;
        await using var db = database.CreateContext(new TestTenant(seeded.B.Id));

        var due = await db.DueWebhookEventsAsync(TwoOrganizations.Now, batchSize: 10, default);
        var one = await db.DueWebhookEventsAsync(TwoOrganizations.Now, batchSize: 1, default);

        Assert.Equal([(seeded.A.Id, "alpha"), (seeded.B.Id, "bravo")], due.Select(e => (e.OrganizationId, e.OrganizationSlug)).Order());
        Assert.Single(one);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_shoppers_link_finds_its_organization_and_session_and_nothing_else(DatabaseProvider provider)
    {
        var (database, seeded) = await SeedAsync(provider);
        await using var _ = database;
        await using var db = database.CreateContext(new TestTenant(seeded.B.Id));

        Assert.Equal(seeded.A.Id, (await db.FindOrganizationBySlugAsync("alpha", default))?.Id);
        Assert.Equal(seeded.A.Id, (await db.FindOrganizationBySlugAsync("Alpha", default))?.Id);
        Assert.Null(await db.FindOrganizationBySlugAsync("nobody", default));
        Assert.True(await db.OrganizationSlugTakenAsync("ALPHA", default));
        Assert.False(await db.OrganizationSlugTakenAsync("charlie", default));
        var (shown, shownOwner) = (await db.FindCheckoutSessionWithOwnerAsync(seeded.A.Session.Id, tracked: false, default))!.Value;
        Assert.Equal(new OrganizationName(seeded.A.Id, "alpha Inc", "alpha"), shownOwner);
        Assert.Equal((seeded.A.Session.Id, seeded.A.Id), (shown.Id, shown.OrganizationId));
        Assert.Empty(db.ChangeTracker.Entries<CheckoutSession>());
        var (session, owner) = (await db.FindCheckoutSessionWithOwnerAsync(seeded.A.Session.Id, tracked: true, default))!.Value;
        Assert.Equal(new OrganizationName(seeded.A.Id, "alpha Inc", "alpha"), owner);
        Assert.Equal((seeded.A.Session.Id, seeded.A.Id), (session.Id, session.OrganizationId));
        Assert.Same(session, Assert.Single(db.ChangeTracker.Entries<CheckoutSession>()).Entity);
        Assert.Null(await db.FindCheckoutSessionWithOwnerAsync(Guid.NewGuid(), tracked: false, default));
        // The seeded sessions are paid: none can be bound to a browser any more.
        Assert.Null(await db.BindCheckoutBrowserAsync(seeded.A.Session.Id, "hash", TwoOrganizations.Now, default));
        db.ChangeTracker.Clear();
        Assert.Null((await db.FindCheckoutSessionWithOwnerAsync(seeded.A.Session.Id, tracked: false, default))!.Value.Session.BrowserKeyHash);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_reservations_of_expired_checkouts_are_released_and_their_uses_go_back_to_their_own_code(DatabaseProvider provider)
    {
        var (database, seeded) = await SeedAsync(provider);
        await using var _ = database;
        await using (var all = database.CreateContext())
        {
            await all.CheckoutSessions.IgnoreQueryFilters().Where(s => s.Id == seeded.A.Session.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, Numi.Core.Checkout.CheckoutSessionStatus.Expired));
            await all.DiscountCodes.IgnoreQueryFilters().ExecuteUpdateAsync(s => s.SetProperty(c => c.TimesRedeemed, 3));
        }
        await using var db = database.CreateContext(new TestTenant(seeded.B.Id));

        var stale = await db.ReservationsOfExpiredCheckoutsAsync(default);
        await db.GiveBackDiscountUsesAsync(seeded.A.DiscountCode.Id, 5, default);

        Assert.Equal(seeded.A.Session.Id, Assert.Single(stale).CheckoutSessionId);
        await using var read = database.CreateContext();
        var uses = await read.DiscountCodes.IgnoreQueryFilters().ToDictionaryAsync(c => c.Id, c => c.TimesRedeemed);
        Assert.Equal(0, uses[seeded.A.DiscountCode.Id]);
        Assert.Equal(3, uses[seeded.B.DiscountCode.Id]);
    }

    /// <summary>An open checkout of the tenant's offer, started at <paramref name="start"/> for an hour.</summary>
    private static async Task<Guid> OpenSessionAsync(TestDatabase database, TwoOrganizations.Tenant tenant, DateTime start)
    {
        await using var db = database.CreateContext(new TestTenant(tenant.Id));
        var selection = CheckoutCart.Defaults(tenant.Offer);
        var cart = CheckoutCart.Build(tenant.Offer, new Dictionary<Guid, Price> { [tenant.Price.Id] = tenant.Price }, selection).Value;
        var session = CheckoutSession.Start(tenant.Offer.Id, cart, selection, null, start, TimeSpan.FromHours(1));
        session.OrganizationId = tenant.Id;
        db.CheckoutSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Expiry_closes_every_organizations_open_checkouts_whose_hour_is_up_and_no_other(DatabaseProvider provider)
    {
        var (database, seeded) = await SeedAsync(provider);
        await using var _ = database;
        var now = TwoOrganizations.Now;
        var dueA = await OpenSessionAsync(database, seeded.A, now.AddHours(-2));
        var dueB = await OpenSessionAsync(database, seeded.B, now.AddHours(-2));
        var running = await OpenSessionAsync(database, seeded.A, now.AddMinutes(-10));
        await using var db = database.CreateContext(new TestTenant(seeded.B.Id));

        var expired = await db.ExpireOpenCheckoutSessionsAsync(now, default);

        Assert.Equal(2, expired);
        await using var read = database.CreateContext();
        var status = await read.CheckoutSessions.IgnoreQueryFilters().ToDictionaryAsync(s => s.Id, s => s.Status);
        Assert.Equal((CheckoutSessionStatus.Expired, CheckoutSessionStatus.Expired), (status[dueA], status[dueB]));
        Assert.Equal(CheckoutSessionStatus.Open, status[running]);
        Assert.Equal(CheckoutSessionStatus.Complete, status[seeded.A.Session.Id]);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_open_checkout_is_bound_to_the_first_browser_only(DatabaseProvider provider)
    {
        var (database, seeded) = await SeedAsync(provider);
        await using var _ = database;
        var now = TwoOrganizations.Now;
        var open = await OpenSessionAsync(database, seeded.A, now.AddMinutes(-10));
        await using var db = database.CreateContext(new TestTenant(seeded.B.Id));

        var first = await db.BindCheckoutBrowserAsync(open, "first", now, default);
        var second = await db.BindCheckoutBrowserAsync(open, "second", now, default);

        Assert.Equal(now.AddMinutes(50), first);
        Assert.Null(second);
        Assert.Equal("first", (await db.FindCheckoutSessionWithOwnerAsync(open, tracked: false, default))!.Value.Session.BrowserKeyHash);
    }

    [Fact]
    public async Task An_empty_database_has_no_organization()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.MigrateAsync();
        await using var db = database.CreateContext();

        Assert.False(await db.AnyOrganizationAsync(default));
    }
}

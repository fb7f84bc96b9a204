using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Numi.Core.ApiKeys;
using Numi.Core.Common;
using Numi.Core.Payments;
using Numi.Infrastructure.Payments;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Stripe;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Stripe;

/// <summary>Stripe connections in the database (SQLite and PostgreSQL): secrets stored encrypted and shown masked, one
/// per organization, and the payment gateway of each organization chosen from its own connection.</summary>
public sealed class StripeConnectionTests
{
    private const string SecretKey = "sk_test_51NumiSecretKeyabcd";
    private const string PublishableKey = "pk_test_51NumiPublishableKey";
    private const string SigningSecret = "whsec_numiSigningSecretwxyz";

    private static readonly ISecretProtector Protector = TwoOrganizations.Protector;
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(TwoOrganizations.Now));

    private sealed class StripeSays(string? problem) : IStripeAccountCheck
    {
        public List<string> Checked { get; } = [];

        public Task<string?> ProblemAsync(string secretKey, CancellationToken ct)
        {
            Checked.Add(secretKey);
            return Task.FromResult(problem);
        }
    }

    private static ConnectStripeHandler Handler(NumiDbContext db, Guid organizationId, IStripeAccountCheck stripe) =>
        new(db, new TestTenant(organizationId), new ConnectStripeValidator(), stripe, Protector, Clock);

    private static async Task RemoveSeededConnectionAsync(TestDatabase database, Guid organizationId)
    {
        await using var db = database.CreateContext(new TestTenant(organizationId));
        db.StripeConnections.Remove(await db.StripeConnections.SingleAsync());
        await db.SaveChangesAsync();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Connecting_stores_the_secrets_encrypted_and_their_masked_hints(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        await RemoveSeededConnectionAsync(database, seeded.A.Id);
        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            var stripe = new StripeSays(null);

            var result = await Handler(db, seeded.A.Id, stripe).HandleAsync(new ConnectStripe($" {SecretKey} ", PublishableKey, SigningSecret + "\nwhsec_numiOlderSecret1234"), CancellationToken.None);

            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
            Assert.Equal([SecretKey], stripe.Checked);
        }

        await using var read = database.CreateContext(new TestTenant(seeded.A.Id));
        var saved = await read.StripeConnections.AsNoTracking().SingleAsync();
        Assert.Equal(ApiKeyMode.Test, saved.Mode);
        Assert.Equal("sk_test_…abcd", saved.SecretKeyHint);
        Assert.Equal("whsec_…wxyz, whsec_…1234", saved.WebhookSecretHints);
        Assert.Equal(PublishableKey, saved.PublishableKey);
        Assert.DoesNotContain(SecretKey, saved.ProtectedSecretKey);
        Assert.DoesNotContain("numiSigningSecret", saved.ProtectedWebhookSecrets);
        Assert.Equal(SecretKey, Protector.Unprotect(saved.ProtectedSecretKey));
        Assert.Equal(SigningSecret + "\nwhsec_numiOlderSecret1234", Protector.Unprotect(saved.ProtectedWebhookSecrets));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Connecting_again_replaces_the_keys_and_disconnecting_forgets_them(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        await using var db = database.CreateContext(new TestTenant(seeded.A.Id));

        var replaced = await Handler(db, seeded.A.Id, new StripeSays(null))
            .HandleAsync(new ConnectStripe("rk_live_51RestrictedKey9876", "pk_live_51Publishable", SigningSecret), CancellationToken.None);

        Assert.True(replaced.Succeeded);
        var rows = await db.StripeConnections.IgnoreQueryFilters().AsNoTracking().Where(c => c.OrganizationId == seeded.A.Id).ToListAsync();
        Assert.Equal((ApiKeyMode.Live, "rk_live_…9876"), (Assert.Single(rows).Mode, rows[0].SecretKeyHint));

        Assert.True((await new DisconnectStripeHandler(db).HandleAsync(new DisconnectStripe(), CancellationToken.None)).Succeeded);
        Assert.Empty(await db.StripeConnections.ToListAsync());
        Assert.Equal(ErrorCodes.ResourceMissing, (await new DisconnectStripeHandler(db).HandleAsync(new DisconnectStripe(), CancellationToken.None)).FirstError.Code);
        // The other organization's connection is untouched.
        Assert.Single(await db.StripeConnections.IgnoreQueryFilters().Where(c => c.OrganizationId == seeded.B.Id).ToListAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_key_Stripe_refuses_is_not_saved(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        await using var db = database.CreateContext(new TestTenant(seeded.A.Id));

        var result = await Handler(db, seeded.A.Id, new StripeSays("Stripe refused this secret key: Invalid API Key provided."))
            .HandleAsync(new ConnectStripe(SecretKey, PublishableKey, SigningSecret), CancellationToken.None);

        Assert.Equal(("secret_key", "Stripe refused this secret key: Invalid API Key provided."), (result.FirstError.Param, result.FirstError.Message));
        await using var read = database.CreateContext(new TestTenant(seeded.A.Id));
        Assert.Equal(seeded.A.Stripe.SecretKeyHint, (await read.StripeConnections.SingleAsync()).SecretKeyHint);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_organization_has_at_most_one_connection(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        await using var db = database.CreateContext(new TestTenant(seeded.A.Id));
        var second = StripeConnection.Create(TwoOrganizations.Now);
        second.Use(new StripeKeys(ApiKeyMode.Test, SecretKey, PublishableKey, [SigningSecret]), Protector, TwoOrganizations.Now);
        db.StripeConnections.Add(second);

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    /// <summary>Runs another save once, just before the intercepted context saves: the other submission that read "not
    /// connected" at the same moment and saved first.</summary>
    private sealed class SavesFirst(Func<Task> rival) : SaveChangesInterceptor
    {
        private Func<Task>? _rival = rival;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _rival, null) is { } rival) await rival();
            return result;
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_simultaneous_first_connections_keep_one_row_with_the_later_keys(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        await RemoveSeededConnectionAsync(database, seeded.A.Id);
        var tenant = new TestTenant(seeded.A.Id);
        Result<StripeConnection>? first = null;
        await using var rivalDb = database.CreateContext(tenant);
        var interceptor = new SavesFirst(async () =>
            first = await Handler(rivalDb, seeded.A.Id, new StripeSays(null)).HandleAsync(new ConnectStripe(SecretKey, PublishableKey, SigningSecret), CancellationToken.None));
        await using var db = database.ContextWithInterceptor(tenant, interceptor);

        var second = await Handler(db, seeded.A.Id, new StripeSays(null))
            .HandleAsync(new ConnectStripe("sk_test_51SecondSubmission5678", PublishableKey, SigningSecret), CancellationToken.None);

        Assert.True(first?.Succeeded);
        Assert.True(second.Succeeded, string.Join("; ", second.Errors.Select(e => e.Message)));
        await using var read = database.CreateContext(tenant);
        var row = Assert.Single(await read.StripeConnections.AsNoTracking().ToListAsync());
        Assert.Equal("sk_test_…5678", row.SecretKeyHint);
        Assert.Equal(first!.Value.Id, row.Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Each_organization_pays_through_its_own_account_and_one_without_Stripe_through_the_simulator(DatabaseProvider provider)
    {
        await using var stripe = await FakeStripeServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        await RemoveSeededConnectionAsync(database, seeded.B.Id);
        var tenant = new TestTenant(seeded.A.Id);
        await using var scoped = database.CreateContext(tenant);
        var clients = stripe.Clients();
        var gateway = new TenantPaymentGateway(tenant, new StripeConnections(scoped, Protector, clients), new SimulatedGateway(Clock));
        ChargeRequest Charge(string key) => new(1500, "usd", key, "pm_card_visa", null, "shopper@example.test", CheckoutSession: "cs_" + key);

        var inA = await gateway.ChargeAsync(Charge("a-1"), CancellationToken.None);
        tenant.OrganizationId = seeded.B.Id;
        var inB = await gateway.ChargeAsync(Charge("b-1"), CancellationToken.None);
        tenant.OrganizationId = seeded.A.Id;
        var retrievedInA = await gateway.RetrieveAsync(inA.PaymentIntentId!, CancellationToken.None);
        // A payment the simulator made (before A connected Stripe, say) is refunded by the simulator, not sent to Stripe.
        var simulatedRefund = await gateway.RefundAsync(inB.PaymentIntentId!, 500, "sim-refund-1", CancellationToken.None);

        Assert.StartsWith("pi_fake", inA.PaymentIntentId);
        Assert.Equal(ChargeStatus.Succeeded, retrievedInA.Status);
        Assert.StartsWith("pi_sim_", inB.PaymentIntentId);
        Assert.True(simulatedRefund.Succeeded);
        Assert.StartsWith("re_sim_", simulatedRefund.RefundId);
        Assert.Empty(stripe.Posts("/v1/refunds"));
        Assert.All(stripe.Requests, r => Assert.Equal("Bearer sk_test_alphasecretkey", r.Authorization));
        Assert.Equal(PublicId.Format(IdPrefixes.Organization, seeded.A.Id), stripe.Posts("/v1/payment_intents").Single().Field("metadata[numi_organization]"));

        // Stripe's payment, refunded in an organization with no Stripe connection (disconnected since): refused, not
        // recorded by the simulator as money given back.
        tenant.OrganizationId = Guid.NewGuid();
        var orphan = await gateway.RefundAsync(inA.PaymentIntentId!, 500, "orphan-refund-1", CancellationToken.None);
        Assert.False(orphan.Succeeded);
        Assert.Contains("connect Stripe again", orphan.Message);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Webhook_secrets_are_read_for_the_named_organization_only(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var seeded = await TwoOrganizations.SeedAsync(database);
        await using var db = database.CreateContext();
        var connections = new StripeConnections(db, Protector, FakeStripeClients.For(new Uri("http://127.0.0.1:9")));

        Assert.Equal(["whsec_bravosigningsecret"], await connections.WebhookSecretsOfAsync(seeded.B.Id, CancellationToken.None));
        Assert.Empty(await connections.WebhookSecretsOfAsync(Guid.CreateVersion7(), CancellationToken.None));
        // Without a tenant, the page-facing lookup sees no connection at all.
        Assert.Null(await connections.CurrentAsync(CancellationToken.None));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Secrets_protected_on_one_web_node_are_read_on_another_through_the_key_ring_in_the_database(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        ServiceProvider Node()
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider.ToString(),
                ["ConnectionStrings:Numi"] = database.ConnectionString,
                ["Numi:DataDirectory"] = database.DataDirectory,
                ["Numi:Jobs:Enabled"] = "false",
            }).Build();
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddInfrastructure(configuration);
            return services.BuildServiceProvider();
        }
        await using var first = Node();
        await using var second = Node();

        var protectedKey = first.GetRequiredService<ISecretProtector>().Protect(SecretKey);

        Assert.Equal(SecretKey, second.GetRequiredService<ISecretProtector>().Unprotect(protectedKey));
        // Really encrypted with that key ring: another ring cannot read it.
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => Protector.Unprotect(protectedKey));
        await using var db = database.CreateContext();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
    }
}

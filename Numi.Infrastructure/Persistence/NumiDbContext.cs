using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Numi.Core.Accounts;
using Numi.Core.ApiKeys;
using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Customers;
using Numi.Core.Common;
using Numi.Core.Email;
using Numi.Core.Idempotency;
using Numi.Core.Offers;
using Numi.Core.Orders;
using Numi.Core.Organizations;
using Numi.Infrastructure.DataProtection;

namespace Numi.Infrastructure.Persistence;

/// <summary>Numi's one model. It is abstract because each database has its own generated migrations and model
/// snapshot, and EF finds a migration set by context type: <see cref="SqliteNumiDbContext"/>,
/// <see cref="PostgresNumiDbContext"/> and <see cref="SqlServerNumiDbContext"/> each own the set in
/// <c>Migrations/{Provider}</c>. Dependency injection hands out the one that <c>Database:Provider</c> names as
/// <see cref="NumiDbContext"/> (and as <see cref="INumiDb"/>), so nothing outside Persistence knows which it is.</summary>
public abstract class NumiDbContext(DbContextOptions options, ITenantContext? tenant)
    : IdentityUserContext<NumiUser, Guid>(options), INumiDb
{
    /// <summary>Read by the tenant query filters on every query (EF parameterizes it per query, not per model).</summary>
    public Guid? CurrentOrganizationId => tenant?.OrganizationId;

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<ProductImage> ProductImages => Set<ProductImage>();
    public DbSet<Price> Prices => Set<Price>();
    public DbSet<Offer> Offers => Set<Offer>();
    public DbSet<OfferSlot> OfferSlots => Set<OfferSlot>();
    public DbSet<OfferSlotOption> OfferSlotOptions => Set<OfferSlotOption>();
    public DbSet<CheckoutSession> CheckoutSessions => Set<CheckoutSession>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Refund> Refunds => Set<Refund>();
    public DbSet<Core.Discounts.DiscountCode> DiscountCodes => Set<Core.Discounts.DiscountCode>();
    public DbSet<Core.Discounts.DiscountRedemption> DiscountRedemptions => Set<Core.Discounts.DiscountRedemption>();
    public DbSet<Core.Webhooks.WebhookEvent> WebhookEvents => Set<Core.Webhooks.WebhookEvent>();
    public DbSet<Core.Payments.StripeConnection> StripeConnections => Set<Core.Payments.StripeConnection>();
    public DbSet<Core.Tax.TaxRate> TaxRates => Set<Core.Tax.TaxRate>();
    public DbSet<Core.Subscriptions.Subscription> Subscriptions => Set<Core.Subscriptions.Subscription>();
    public DbSet<Core.Subscriptions.Plan> Plans => Set<Core.Subscriptions.Plan>();
    public DbSet<Core.Subscriptions.SubscriptionEvent> SubscriptionEvents => Set<Core.Subscriptions.SubscriptionEvent>();
    public DbSet<Core.Portal.PortalSignInToken> PortalSignInTokens => Set<Core.Portal.PortalSignInToken>();
    public DbSet<Core.Invoices.Invoice> Invoices => Set<Core.Invoices.Invoice>();
    public DbSet<Core.Invoices.InvoiceLine> InvoiceLines => Set<Core.Invoices.InvoiceLine>();
    public DbSet<Core.Invoices.CreditNote> CreditNotes => Set<Core.Invoices.CreditNote>();
    public DbSet<Core.Dunning.DunningMessage> DunningMessages => Set<Core.Dunning.DunningMessage>();
    public DbSet<Core.Dunning.CustomerPaymentPattern> CustomerPaymentPatterns => Set<Core.Dunning.CustomerPaymentPattern>();
    public DbSet<Core.Funnels.Funnel> Funnels => Set<Core.Funnels.Funnel>();
    public DbSet<Core.Funnels.FunnelStep> FunnelSteps => Set<Core.Funnels.FunnelStep>();
    public DbSet<Core.Funnels.FunnelVersion> FunnelVersions => Set<Core.Funnels.FunnelVersion>();
    public DbSet<Core.Funnels.FunnelDraftHistory> FunnelDraftHistory => Set<Core.Funnels.FunnelDraftHistory>();
    public DbSet<Core.Funnels.FunnelSession> FunnelSessions => Set<Core.Funnels.FunnelSession>();
    public DbSet<Core.Funnels.FunnelEvent> FunnelEvents => Set<Core.Funnels.FunnelEvent>();
    public DbSet<Core.Funnels.Analytics.FunnelSessionFirst> FunnelSessionFirsts => Set<Core.Funnels.Analytics.FunnelSessionFirst>();
    public DbSet<Core.Funnels.Analytics.FunnelDailySessions> FunnelDailySessions => Set<Core.Funnels.Analytics.FunnelDailySessions>();
    public DbSet<Core.Funnels.Analytics.FunnelDailyRevenue> FunnelDailyRevenue => Set<Core.Funnels.Analytics.FunnelDailyRevenue>();
    public DbSet<Core.Jobs.JobRun> JobRuns => Set<Core.Jobs.JobRun>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(NumiDbContext).Assembly);

        builder.Entity<Organization>().HasQueryFilter(o => o.Id == CurrentOrganizationId);
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(IOrganizationOwned).IsAssignableFrom(e.ClrType)))
            builder.Entity(entity.ClrType).HasQueryFilter(TenantFilter(entity.ClrType));
        UniqueIndexFilters.Apply(builder.Model, this.GetService<ISqlGenerationHelper>());
    }

    /// <inheritdoc />
    public bool IsUniqueKeyRace(DbUpdateException exception) => UniqueKeyRace.Is(exception);

    /// <inheritdoc />
    /// <remarks>A server database's writers lock rows, not the whole database: nothing to wait for here.</remarks>
    public virtual Task<T> WriteInTurnAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken) => write();

    /// <inheritdoc />
    public virtual bool TransactionsLockTheDatabase => false;

    private LambdaExpression TenantFilter(Type entityType)
    {
        var row = Expression.Parameter(entityType, "row");
        var owner = Expression.Convert(Expression.Property(row, nameof(IOrganizationOwned.OrganizationId)), typeof(Guid?));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentOrganizationId));
        return Expression.Lambda(Expression.Equal(owner, current), row);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    /// <summary>Saves with changes detected once, before anything reads the tracked entries, instead of five times: the
    /// organization stamp's <c>Entries()</c>, each <see cref="AfterSaveInterceptor{T}"/>'s (three) and EF's own save each
    /// ran a full detection, which compares every tracked entity's snapshot (a JSON column serialized twice per compare,
    /// <see cref="JsonColumn"/>): 4.5 % of a payment's CPU on the writer thread (bench/checkout.md). Safe because
    /// nothing between the detection and the save changes an entity behind the change tracker: the stamp sets the
    /// organization through its entry, and the interceptors only read. A caller that turned automatic detection off
    /// keeps it off.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detect = DetectChangesOnce();
        try
        {
            StampOrganization();
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var detect = DetectChangesOnce();
        try
        {
            StampOrganization();
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>Detects the changes if automatic detection is on, then turns it off until the save ends; returns
    /// whether it was on.</summary>
    private bool DetectChangesOnce()
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (detect) ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        return detect;
    }

    /// <summary>New tenant rows without an owner get the current organization; a row for another organization
    /// while one is selected is a programming error, refused before it reaches the database. Set through the entry (not
    /// the entity), so the change tracker knows of it without another detection.</summary>
    private void StampOrganization()
    {
        foreach (var entry in ChangeTracker.Entries<IOrganizationOwned>())
        {
            if (entry.State != EntityState.Added) continue;
            if (entry.Entity.OrganizationId == Guid.Empty)
            {
                entry.Property(nameof(IOrganizationOwned.OrganizationId)).CurrentValue = CurrentOrganizationId
                    ?? throw new InvalidOperationException($"{entry.Entity.GetType().Name} has no organization and none is selected.");
            }
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Numi.Core.Accounts;
using Numi.Core.ApiKeys;
using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Customers;
using Numi.Core.Email;
using Numi.Core.Idempotency;
using Numi.Core.Offers;
using Numi.Core.Orders;
using Numi.Core.Organizations;

namespace Numi.Core.Common;

/// <summary>The database as use cases see it. Handlers query it directly; there are no repositories.</summary>
public interface INumiDb
{
    DbSet<NumiUser> Users { get; }
    DbSet<Organization> Organizations { get; }
    DbSet<Membership> Memberships { get; }
    DbSet<Invitation> Invitations { get; }
    DbSet<ApiKey> ApiKeys { get; }
    DbSet<IdempotencyRecord> IdempotencyRecords { get; }
    DbSet<OutboxMessage> OutboxMessages { get; }
    DbSet<Product> Products { get; }
    DbSet<ProductImage> ProductImages { get; }
    DbSet<Price> Prices { get; }
    DbSet<Offer> Offers { get; }
    DbSet<OfferSlot> OfferSlots { get; }
    DbSet<OfferSlotOption> OfferSlotOptions { get; }
    DbSet<CheckoutSession> CheckoutSessions { get; }
    DbSet<Customer> Customers { get; }
    DbSet<Order> Orders { get; }
    DbSet<OrderLine> OrderLines { get; }
    DbSet<Refund> Refunds { get; }
    DbSet<Discounts.DiscountCode> DiscountCodes { get; }
    DbSet<Discounts.DiscountRedemption> DiscountRedemptions { get; }
    DbSet<Webhooks.WebhookEvent> WebhookEvents { get; }
    DbSet<Payments.StripeConnection> StripeConnections { get; }
    DbSet<Tax.TaxRate> TaxRates { get; }
    DbSet<Subscriptions.Subscription> Subscriptions { get; }
    DbSet<Subscriptions.Plan> Plans { get; }
    DbSet<Subscriptions.SubscriptionEvent> SubscriptionEvents { get; }
    DbSet<Portal.PortalSignInToken> PortalSignInTokens { get; }
    DbSet<Invoices.Invoice> Invoices { get; }
    DbSet<Invoices.InvoiceLine> InvoiceLines { get; }
    DbSet<Invoices.CreditNote> CreditNotes { get; }
    DbSet<Dunning.DunningMessage> DunningMessages { get; }
    DbSet<Dunning.CustomerPaymentPattern> CustomerPaymentPatterns { get; }
    DbSet<Funnels.Funnel> Funnels { get; }
    DbSet<Funnels.FunnelStep> FunnelSteps { get; }
    DbSet<Funnels.FunnelVersion> FunnelVersions { get; }
    DbSet<Funnels.FunnelDraftHistory> FunnelDraftHistory { get; }
    DbSet<Funnels.FunnelSession> FunnelSessions { get; }
    DbSet<Funnels.FunnelEvent> FunnelEvents { get; }
    DbSet<Funnels.Analytics.FunnelSessionFirst> FunnelSessionFirsts { get; }
    DbSet<Funnels.Analytics.FunnelDailySessions> FunnelDailySessions { get; }
    DbSet<Funnels.Analytics.FunnelDailyRevenue> FunnelDailyRevenue { get; }

    DatabaseFacade Database { get; }

    /// <summary>For the few use cases that must retry a save (a lost race on a unique key) without redoing the work.</summary>
    Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<TEntity> Entry<TEntity>(TEntity entity) where TEntity : class;

    /// <summary>For the batch renewal, which forgets what a failed save left tracked before saving item by item.</summary>
    Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker ChangeTracker { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="write"/> in this process's turn to write where the database takes one writer at a
    /// time (SQLite: one after the other on a writer thread, instead of all sleeping in SQLite's busy handler on
    /// thread-pool threads); elsewhere it simply runs it. The write must not wait for anything but this database.
    /// Inside a transaction already open it runs at once: the transaction has the lock, or takes it itself, and must
    /// not queue behind a turn that may be waiting for that lock.</summary>
    Task<T> WriteInTurnAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken);

    /// <summary>True where a transaction begun with <c>Database.BeginTransactionAsync</c> holds the whole database's write
    /// lock from its start (SQLite: <c>BEGIN IMMEDIATE</c>), so no row lock taken inside it
    /// (<see cref="OrganizationRowLock"/>) can order its writers any further: the command may be left out.</summary>
    bool TransactionsLockTheDatabase { get; }

    /// <summary>True only when the save failed because another writer inserted the same unique (or primary) key
    /// first: the one failure a use case may answer with "already taken" or a retry. Each database reports it
    /// differently, so Infrastructure decides; any other failure is false and should be rethrown.</summary>
    bool IsUniqueKeyRace(DbUpdateException exception);
}

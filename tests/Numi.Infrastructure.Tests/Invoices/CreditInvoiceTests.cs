using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Core.Payments;
using Numi.Core.Subscriptions;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Invoices;

/// <summary>Refunding a paid renewal invoice through the simulated processor, on both providers: the credit note and its
/// timeline row are recorded only when the processor gave the money back, each note has its own idempotency key so a
/// retry after a crash refunds once, two racing refunds record one note, no more than was paid goes back, and another
/// organization's invoice is not found.</summary>
public sealed class CreditInvoiceTests
{
    /// <summary>A subscriber whose first renewal ($20.00: two at $10.00) was paid, and the processor that took it.</summary>
    private static async Task<(CheckoutSteps Shop, Guid Subscription, Invoice Invoice, RefundLedger Gateway)> PaidAsync(TestDatabase database)
    {
        var (shop, id, gateway) = await DueSubscriberAsync(database);
        Assert.Equal(BillingResult.Paid, (await RenewAsync(database, shop, id, gateway)).Result);
        var invoice = Assert.Single(await InvoicesAsync(database, shop));
        Assert.Equal((InvoiceStatus.Paid, 2_000L), (invoice.Status, invoice.AmountPaid));
        return (shop, id, invoice, new RefundLedger(gateway));
    }

    private static CreditInvoiceHandler Handler(NumiDbContext db, CheckoutSteps shop, IPaymentGateway gateway) =>
        new(db, new CreditInvoiceValidator(), gateway, shop.Clock);

    private static async Task<Result<CreditNote>> CreditAsync(TestDatabase database, ITenantContext tenant, CheckoutSteps shop, IPaymentGateway gateway,
        CreditInvoice command)
    {
        await using var db = database.CreateContext(tenant);
        return await Handler(db, shop, gateway).HandleAsync(command, default);
    }

    private static async Task<Invoice> StoredAsync(TestDatabase database, CheckoutSteps shop, Guid id)
    {
        await using var db = database.CreateContext(shop.Tenant);
        return await db.Invoices.AsNoTracking().Include(i => i.CreditNotes).SingleAsync(i => i.Id == id);
    }

    private static async Task<List<SubscriptionEvent>> CreditRowsAsync(TestDatabase database, CheckoutSteps shop, Guid subscription) =>
        [.. (await SubscriptionAsync(database, shop, subscription)).Events.Where(e => e.Type == SubscriptionEventType.InvoiceCredited)];

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_refund_goes_through_the_processor_and_is_recorded_with_its_timeline_row(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, subscription, paid, gateway) = await PaidAsync(database);

        var first = await CreditAsync(database, shop.Tenant, shop, gateway, new CreditInvoice(paid.Id, 1_500, "Damaged in transit"));
        var rest = await CreditAsync(database, shop.Tenant, shop, gateway, new CreditInvoice(paid.Id, null));

        Assert.True(first.Succeeded, first.Succeeded ? "" : first.FirstError.Message);
        Assert.Equal((1_500L, "usd", "Damaged in transit"), (first.Value.Amount, first.Value.Currency, first.Value.Reason));
        Assert.Equal(500L, rest.Value.Amount);
        Assert.Equal([($"{paid.PublicId}-credit-from-0", 1_500L), ($"{paid.PublicId}-credit-from-1500", 500L)],
            gateway.Refunds.Select(r => (r.Key, r.Amount)));
        Assert.Equal([paid.PaymentIntentId, paid.PaymentIntentId], gateway.Refunds.Select(r => r.PaymentIntent));
        var stored = await StoredAsync(database, shop, paid.Id);
        Assert.Equal((2_000L, 0L, 2), (stored.AmountCredited, stored.Creditable, stored.CreditNotes.Count));
        Assert.Equal(["INV-000001: $15.00 refunded", "INV-000001: $5.00 refunded"],
            (await CreditRowsAsync(database, shop, subscription)).OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Select(e => e.Detail));
        Assert.Equal(SubscriptionStatus.Active, (await SubscriptionAsync(database, shop, subscription)).Status);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_refund_the_processor_refuses_records_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, subscription, paid, gateway) = await PaidAsync(database);
        gateway.Refuse = "The charge was disputed; it cannot be refunded.";

        var refused = await CreditAsync(database, shop.Tenant, shop, gateway, new CreditInvoice(paid.Id, 1_500));

        Assert.Equal((ErrorCodes.StateConflict, "amount", "The charge was disputed; it cannot be refunded."),
            (refused.FirstError.Code, refused.FirstError.Param, refused.FirstError.Message));
        var stored = await StoredAsync(database, shop, paid.Id);
        Assert.Equal((0L, 0), (stored.AmountCredited, stored.CreditNotes.Count));
        Assert.Empty(await CreditRowsAsync(database, shop, subscription));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_retry_after_dying_between_the_refund_and_the_save_refunds_once_and_records_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, subscription, paid, gateway) = await PaidAsync(database);
        gateway.DieAfterRefunding = true;

        await Assert.ThrowsAsync<IOException>(() => CreditAsync(database, shop.Tenant, shop, gateway, new CreditInvoice(paid.Id, 1_500)));
        Assert.Empty((await StoredAsync(database, shop, paid.Id)).CreditNotes);
        gateway.DieAfterRefunding = false;
        var retried = await CreditAsync(database, shop.Tenant, shop, gateway, new CreditInvoice(paid.Id, 1_500));

        Assert.True(retried.Succeeded, retried.Succeeded ? "" : retried.FirstError.Message);
        // The same key both times: the processor answered its first refund instead of making a second.
        Assert.Equal([$"{paid.PublicId}-credit-from-0", $"{paid.PublicId}-credit-from-0"], gateway.Refunds.Select(r => r.Key));
        Assert.Single(gateway.Refunds.Select(r => r.RefundId).Distinct());
        var stored = await StoredAsync(database, shop, paid.Id);
        Assert.Equal((1_500L, 1), (stored.AmountCredited, stored.CreditNotes.Count));
        Assert.Single(await CreditRowsAsync(database, shop, subscription));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_refunds_read_at_the_same_balance_record_one_credit_note(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, _, paid, gateway) = await PaidAsync(database);
        await using var first = database.CreateContext(shop.Tenant);
        await using var second = database.CreateContext(shop.Tenant);
        // Both read the invoice with nothing credited yet, so both ask the processor under the same key.
        await first.Invoices.Include(i => i.CreditNotes).SingleAsync(i => i.Id == paid.Id);
        await second.Invoices.Include(i => i.CreditNotes).SingleAsync(i => i.Id == paid.Id);

        var won = await Handler(first, shop, gateway).HandleAsync(new CreditInvoice(paid.Id, 2_000), default);
        var lost = await Handler(second, shop, gateway).HandleAsync(new CreditInvoice(paid.Id, 2_000), default);

        Assert.True(won.Succeeded);
        Assert.Equal((ErrorCodes.StateConflict, "amount"), (lost.FirstError.Code, lost.FirstError.Param));
        Assert.Equal([$"{paid.PublicId}-credit-from-0", $"{paid.PublicId}-credit-from-0"], gateway.Refunds.Select(r => r.Key));
        Assert.Single(gateway.Refunds.Select(r => r.RefundId).Distinct());
        var stored = await StoredAsync(database, shop, paid.Id);
        Assert.Equal((2_000L, 1), (stored.AmountCredited, stored.CreditNotes.Count));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task More_than_is_left_is_refused_before_the_processor_is_asked(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, _, paid, gateway) = await PaidAsync(database);
        Assert.True((await CreditAsync(database, shop.Tenant, shop, gateway, new CreditInvoice(paid.Id, 1_200))).Succeeded);

        var over = await CreditAsync(database, shop.Tenant, shop, gateway, new CreditInvoice(paid.Id, 801));

        Assert.Equal((ErrorCodes.ParameterInvalid, "amount", "At most $8.00 is left to credit on this invoice."),
            (over.FirstError.Code, over.FirstError.Param, over.FirstError.Message));
        Assert.Single(gateway.Refunds);
        var stored = await StoredAsync(database, shop, paid.Id);
        Assert.Equal((1_200L, 1), (stored.AmountCredited, stored.CreditNotes.Count));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Another_organizations_invoice_is_not_found_and_nothing_is_refunded(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, _, paid, gateway) = await PaidAsync(database);
        var other = await CheckoutSteps.NewShopAsync(database, "other", PriceSchedule.Every(PriceInterval.Month), 500);

        var stranger = await CreditAsync(database, other.Tenant, shop, gateway, new CreditInvoice(paid.Id, 100));

        Assert.Equal((ErrorCodes.ResourceMissing, "id"), (stranger.FirstError.Code, stranger.FirstError.Param));
        Assert.Empty(gateway.Refunds);
        Assert.Equal(0L, (await StoredAsync(database, shop, paid.Id)).AmountCredited);
    }
}

/// <summary>The simulated processor, recording every refund asked of it and what it answered; it can refuse every refund,
/// or die right after the processor refunded, before the caller hears back.</summary>
internal sealed class RefundLedger(IPaymentGateway inner) : ForwardingGateway(inner)
{
    public ConcurrentQueue<(string PaymentIntent, string Key, long Amount, string? RefundId)> Refunds { get; } = new();
    public string? Refuse { get; set; }
    public bool DieAfterRefunding { get; set; }

    public override async Task<RefundOutcome> RefundAsync(string paymentIntentId, long amount, string idempotencyKey, CancellationToken ct)
    {
        if (Refuse is { } message) return new RefundOutcome(false, Message: message);
        var outcome = await base.RefundAsync(paymentIntentId, amount, idempotencyKey, ct);
        Refunds.Enqueue((paymentIntentId, idempotencyKey, amount, outcome.RefundId));
        if (DieAfterRefunding) throw new IOException("The node died after the processor refunded.");
        return outcome;
    }
}

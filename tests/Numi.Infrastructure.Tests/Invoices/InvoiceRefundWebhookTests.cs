using Numi.Core.Invoices;
using Numi.Core.Webhooks;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;
using static Numi.Infrastructure.Tests.Webhooks.WebhookWork;

namespace Numi.Infrastructure.Tests.Invoices;

/// <summary>Stripe's <c>charge.refunded</c> for a refund of an invoice's payment (a credit note made from Numi) is done
/// at once, without waiting for an order that will never exist.</summary>
public sealed class InvoiceRefundWebhookTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_refund_event_for_an_invoices_payment_is_done_without_waiting_for_an_order(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id, gateway) = await DueSubscriberAsync(database);
        Assert.Equal(BillingResult.Paid, (await RenewAsync(database, shop, id, gateway)).Result);
        var invoice = Assert.Single(await InvoicesAsync(database, shop));

        var refunded = await StoreAsync(database, shop.OrganizationId, "charge.refunded", Charge(invoice.PaymentIntentId!, 1_500, ("re_numi_1", 1_500)), shop.Clock);

        Assert.Equal(WebhookEventResult.Processed, await ProcessAsync(database, shop.OrganizationId, gateway, shop.Clock, refunded));
        var stored = await ReadAsync(database, refunded);
        Assert.NotNull(stored.ProcessedAt);
        Assert.Contains("credit notes", stored.Outcome);
    }
}

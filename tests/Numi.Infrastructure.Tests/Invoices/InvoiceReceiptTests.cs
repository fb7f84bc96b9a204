using Microsoft.EntityFrameworkCore;
using Numi.Core.Invoices;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using UglyToad.PdfPig;
using static Numi.Infrastructure.Tests.Invoices.RenewalSteps;

namespace Numi.Infrastructure.Tests.Invoices;

/// <summary>The receipt job on both providers: a paid renewal invoice's receipt goes into the outbox once, with the
/// invoice's PDF attached, however many runs see it at once; an unpaid invoice gets none; the receipt stays inside its
/// organization.</summary>
public sealed class InvoiceReceiptTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_paid_renewal_gets_one_receipt_with_its_pdf_however_many_runs_see_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var shop = await CheckoutSteps.NewShopAsync(database, "club", Core.Catalog.PriceSchedule.Every(Core.Catalog.PriceInterval.Month), 1_000);
        var paidId = await SubscribeAsync(database, shop);
        var declinedId = await SubscribeAsync(database, shop);
        await UseCardAsync(database, shop, declinedId, "pm_card_chargeCustomerFail");
        shop.Clock.UtcNow = (await SubscriptionAsync(database, shop, declinedId)).CurrentPeriodEnd;
        var gateway = new Payments.SimulatedGateway(shop.Clock);
        Assert.Equal(BillingResult.Paid, (await RenewAsync(database, shop, paidId, gateway)).Result);
        Assert.Equal(BillingResult.Declined, (await RenewAsync(database, shop, declinedId, gateway)).Result);
        var other = await CheckoutSteps.NewShopAsync(database, "other", Core.Catalog.PriceSchedule.Every(Core.Catalog.PriceInterval.Month), 500);
        await using var services = BillingJobHost.Services(database, shop.Clock);

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => BillingJobHost.RunAsync(services, SendInvoiceReceiptsJob.Spec.RunOnceAsync))));
        var again = await BillingJobHost.RunAsync(services, SendInvoiceReceiptsJob.Spec.RunOnceAsync);

        Assert.Equal(1, runs.Sum(r => r.Succeeded));
        Assert.Equal(0, runs.Sum(r => r.Failed));
        Assert.Equal((0, 0), (again.Examined, again.Succeeded));
        var invoices = await InvoicesAsync(database, shop);
        var paid = Assert.Single(invoices, i => i.Status == InvoiceStatus.Paid);
        Assert.Equal(shop.Clock.Now, paid.ReceiptSentAt);
        Assert.Null(Assert.Single(invoices, i => i.Status == InvoiceStatus.Open).ReceiptSentAt);
        await using var db = database.CreateContext(shop.Tenant);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == paid.CustomerId).Select(c => c.Email).SingleAsync();
        var receipt = Assert.Single(await db.OutboxMessages.AsNoTracking().Where(m => m.AttachmentName != null).ToListAsync());
        Assert.Equal((customer, shop.OrganizationId, "INV-000001.pdf", "application/pdf"),
            (receipt.To, receipt.OrganizationId!.Value, receipt.AttachmentName, receipt.AttachmentContentType));
        Assert.StartsWith("Receipt for INV-000001", receipt.Subject);
        Assert.Contains("$20.00", receipt.TextBody);
        using var pdf = PdfDocument.Open(receipt.AttachmentContent!);
        Assert.Contains("INV-000001", pdf.GetPage(1).Text);
        Assert.Contains("$20.00", pdf.GetPage(1).Text);
        await using var otherDb = database.CreateContext(other.Tenant);
        Assert.Empty(await otherDb.Invoices.ToListAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_payment_older_than_the_window_gets_no_receipt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.MigrateAsync();
        var (shop, id, gateway) = await DueSubscriberAsync(database);
        Assert.Equal(BillingResult.Paid, (await RenewAsync(database, shop, id, gateway)).Result);
        shop.Clock.UtcNow = shop.Clock.Now + SendInvoiceReceiptHandler.Window + TimeSpan.FromMinutes(1);
        await using var services = BillingJobHost.Services(database, shop.Clock);

        var run = await BillingJobHost.RunAsync(services, SendInvoiceReceiptsJob.Spec.RunOnceAsync);

        Assert.Equal(0, run.Examined);
        await using var db = database.CreateContext(shop.Tenant);
        Assert.Empty(await db.OutboxMessages.Where(m => m.AttachmentName != null).ToListAsync());
    }
}

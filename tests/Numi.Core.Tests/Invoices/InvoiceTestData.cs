using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Invoices;
using Numi.Core.Orders;
using Numi.Core.Subscriptions;

namespace Numi.Core.Tests.Invoices;

internal static class InvoiceTestData
{
    public static readonly DateTime Start = new(2027, 1, 31, 12, 0, 0, DateTimeKind.Utc);

    public static Subscription Monthly(long unitAmount = 1_000, int quantity = 2, int? cancelAfterCycles = null)
    {
        var price = Price.Create(Guid.NewGuid(), "usd", PriceSchedule.Every(PriceInterval.Month, cancelAfterCycles: cancelAfterCycles),
            PricingModel.PerUnit(unitAmount), PriceScope.List, null, null, Start);
        var line = OrderLine.Create("club", price.ProductId, price.Id, "Coffee club", price.Summary, quantity, unitAmount * quantity, true);
        var order = Order.Create(1001, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new CheckoutCart("usd", [], unitAmount * quantity),
            "pi_1", null, null, [line], Start);
        return Subscription.Start(order, line, price, Start);
    }

    public static Invoice Open(Subscription? subscription = null, InvoiceDiscount? discount = null, InvoiceTax? tax = null)
    {
        var s = subscription ?? Monthly();
        var (cycle, start, end) = s.NextPeriod();
        var invoice = Invoice.Draft(7, s, cycle, start, end, discount, tax, start);
        invoice.Open(start);
        return invoice;
    }
}

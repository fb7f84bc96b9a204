using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Invoices;
using Numi.Core.Orders;
using Numi.Core.Subscriptions;

namespace Numi.Core.Tests.Invoices;

internal static class InvoiceTestData
{
    public static readonly DateTime Start = new(2027, 1, 31, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>A subscription bought at <paramref name="at"/> (<see cref="Start"/>), on <paramref name="price"/> when
    /// given (its unit amount is then <paramref name="unitAmount"/>).</summary>
    public static Subscription Monthly(long unitAmount = 1_000, int quantity = 2, int? cancelAfterCycles = null, DateTime? at = null, Price? price = null)
    {
        var start = at ?? Start;
        price ??= Price.Create(Guid.NewGuid(), "usd", PriceSchedule.Every(PriceInterval.Month, cancelAfterCycles: cancelAfterCycles),
            PricingModel.PerUnit(unitAmount), PriceScope.List, null, null, start);
        var line = OrderLine.Create("club", price.ProductId, price.Id, "Coffee club", price.Summary, quantity, unitAmount * quantity, true);
        var order = Order.Create(1001, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new CheckoutCart("usd", [], unitAmount * quantity),
            "pi_1", null, null, [line], start);
        return Subscription.Start(order, line, price, start);
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

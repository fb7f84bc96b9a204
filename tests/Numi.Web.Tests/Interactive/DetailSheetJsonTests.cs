using System.Text.Json;
using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Orders;
using Numi.Core.Subscriptions;
using Numi.Web.Features.Customers;
using Numi.Web.Features.Orders;
using Numi.Web.Features.Subscriptions;

namespace Numi.Web.Tests.Interactive;

/// <summary>The order and customer pages hand what they read while prerendering to the interactive render as
/// persistent state, which Blazor keeps as JSON (web defaults: camelCase, case-insensitive). Each sheet, with every
/// list and nested value it holds, comes back from JSON as it went in.</summary>
public sealed class DetailSheetJsonTests
{
    private static readonly DateTime Paid = new(2026, 3, 14, 9, 26, 53, DateTimeKind.Utc);

    /// <summary>Also used by the other pages' sheets (PlanSheetJsonTests).</summary>
    internal static T RoundTrip<T>(T sheet)
    {
        var json = JsonSerializer.Serialize(sheet, JsonSerializerOptions.Web);
        var copy = JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web)!;
        // Nothing dropped or defaulted on the way back: the copy writes the same JSON.
        Assert.Equal(json, JsonSerializer.Serialize(copy, JsonSerializerOptions.Web));
        Assert.Equivalent(sheet, copy, strict: true);
        return copy;
    }

    private static SubscriptionRow Subscription(Guid orderId, Guid customerId) => new()
    {
        Id = Guid.CreateVersion7(), Description = "Coffee Club", Quantity = 2, CustomerId = customerId, Email = "ann@example.com",
        Amount = 4_400, Currency = "eur", Interval = PriceInterval.Month, IntervalCount = 3, CancelAfterCycles = 4,
        Status = SubscriptionStatus.Active, CurrentPeriodStart = Paid, CurrentPeriodEnd = Paid.AddMonths(3), OrderId = orderId, CreatedAt = Paid,
    };

    [Fact]
    public void An_order_sheet_survives_the_handover()
    {
        var id = Guid.CreateVersion7();
        var customerId = Guid.CreateVersion7();
        var sheet = new OrderSheet(
            id, "ord_x", 1042, OrderStatus.PartiallyRefunded, "eur",
            AmountDiscount: 300, DiscountCode: "SPRING", AmountTax: 812, TaxRow: "VAT 20% (included)", AmountTotal: 4_872, AmountRefunded: 1_250,
            CardBrand: "visa", CardLast4: "4242", PaymentIntentId: "pi_123",
            DisputeId: "dp_9", DisputeAmount: 3_622, DisputeReason: "fraudulent", DisputedAt: Paid.AddDays(9),
            Phone: "+44 20 7946 0000", ShippingAddress: new Address("1 High St", "Flat 2", "London", "N1 9GU", "GB"),
            BillingAddress: new Address("5 Main St", null, "Sacramento", "95814", "US", "CA"),
            Answers: new() { ["Gift note"] = "Happy birthday", ["Grind"] = "Espresso" },
            CustomerPublicId: "cus_x", CustomerEmail: "ann@example.com", CreatedAt: Paid,
            Lines: [new("House Blend", "€12.00", 2, 2_400, false), new("Coffee Club", "€22.00 every 3 months", 1, 2_772, true)],
            Refunds: [new(1_000, "Damaged bag", Paid.AddDays(1)), new(250, null, Paid.AddDays(2))],
            Subscriptions: [Subscription(id, customerId)]);

        var copy = RoundTrip(sheet);

        Assert.Equal((id, 1042, 3_622L), (copy.Id, copy.Number, copy.Refundable));
        Assert.Equal(["Gift note", "Grind"], copy.Answers.Keys);
        Assert.Equal("CA", copy.BillingAddress!.State);
        Assert.True(copy.Lines[1].Recurring);
        Assert.Null(copy.Refunds[1].Reason);
        Assert.Equal("€44.00 every 3 months, 4 periods", Assert.Single(copy.Subscriptions).PriceText);
    }

    [Fact]
    public void A_customer_sheet_survives_the_handover()
    {
        var id = Guid.CreateVersion7();
        var orderId = Guid.CreateVersion7();
        var sheet = new CustomerSheet(
            id, "cus_x", "ann@example.com", "Ann Example", "+1 916 555 0100", SavedPaymentMethod: true, TaxExempt: true, TimeZone: "Asia/Tokyo", CreatedAt: Paid,
            Orders: [new(orderId, 1042, 4_872, "eur", Paid), new(Guid.CreateVersion7(), 1001, 2_400, "usd", Paid.AddDays(-30))],
            Subscriptions: [Subscription(orderId, id)]);

        var copy = RoundTrip(sheet);

        Assert.Equal((id, true, true, "Asia/Tokyo"), (copy.Id, copy.SavedPaymentMethod, copy.TaxExempt, copy.TimeZone));
        Assert.Equal([1042, 1001], copy.Orders.Select(o => o.Number));
        Assert.Equal(sheet.Orders[0].PublicId, copy.Orders[0].PublicId);
        Assert.Equal(id, Assert.Single(copy.Subscriptions).CustomerId);
    }
}

using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Core.Subscriptions;
using Numi.Core.Tests.Invoices;

namespace Numi.Core.Tests.Subscriptions;

/// <summary>A change of plan priced at a given second: Stripe's proration (unused time credited, remaining time charged)
/// of the subscription's own period, the tax renewals take, and every refusal with its reason.</summary>
public sealed class PlanChangeQuoteTests
{
    private static DateTime Utc(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    internal static (Plan Plan, Price Price) PlanOf(long unitAmount, string currency = "usd", PriceInterval interval = PriceInterval.Month, string name = "Pro")
    {
        var price = Price.Create(Guid.NewGuid(), currency, PriceSchedule.Every(interval), PricingModel.PerUnit(unitAmount), PriceScope.List, null, null, InvoiceTestData.Start);
        return (Plan.Create(price, new PlanFields(name, PlanSettings.Default), InvoiceTestData.Start), price);
    }

    private static Result<PlanChangeQuote> Quote(Subscription subscription, long newUnitAmount, DateTime at, int? quantity = null, InvoiceTax? tax = null)
    {
        var (plan, price) = PlanOf(newUnitAmount);
        return PlanChangeQuote.Of(subscription, "Basic", plan, price, quantity, at, tax);
    }

    [Fact]
    public void An_upgrade_half_way_through_April_credits_half_the_old_price_and_charges_half_the_new()
    {
        var subscription = InvoiceTestData.Monthly(1_000, quantity: 1, at: Utc(2027, 4, 1));

        var quote = Quote(subscription, 2_000, Utc(2027, 4, 16)).Value;

        Assert.Equal([-500L, 1_000L], quote.Proration.Lines.Select(l => l.Amount));
        Assert.Equal((500L, 0L, 500L), (quote.Subtotal, quote.AmountTax, quote.Total));
        Assert.Equal((Utc(2027, 4, 16), Utc(2027, 5, 1)), (quote.ProrationDate, quote.NextRenewalAt));
        Assert.Equal((1, 2_000L, "usd"), (quote.Quantity, quote.Amount, quote.Currency));
        Assert.Equal("Basic → Pro: $5.00 charged on INV-000004", quote.Detail("INV-000004"));
    }

    [Fact]
    public void A_downgrade_is_a_credit()
    {
        var subscription = InvoiceTestData.Monthly(2_000, quantity: 1, at: Utc(2027, 4, 1));

        var quote = Quote(subscription, 1_000, Utc(2027, 4, 16)).Value;

        Assert.Equal([-1_000L, 500L], quote.Proration.Lines.Select(l => l.Amount));
        Assert.Equal(-500, quote.Total);
        Assert.Equal("Basic → Pro: $5.00 credited to the next renewals", quote.Detail(null));
    }

    [Fact]
    public void A_period_from_the_31st_of_January_ends_on_the_28th_of_February_and_is_prorated_over_its_28_days()
    {
        var subscription = InvoiceTestData.Monthly(1_000, quantity: 1, at: Utc(2027, 1, 31, 12));

        var quote = Quote(subscription, 2_000, Utc(2027, 2, 14, 12)).Value;

        Assert.Equal(Utc(2027, 2, 28, 12), quote.NextRenewalAt);
        Assert.Equal([-500L, 1_000L], quote.Proration.Lines.Select(l => l.Amount));
    }

    [Fact]
    public void On_a_leap_day_the_last_twelve_hours_of_a_29_day_period_are_prorated()
    {
        var subscription = InvoiceTestData.Monthly(1_000, quantity: 1, at: Utc(2028, 1, 31, 12));

        var quote = Quote(subscription, 2_000, Utc(2028, 2, 29)).Value;

        // 12 of 696 hours remain: 17.24 and 34.48 rounded on their own.
        Assert.Equal(Utc(2028, 2, 29, 12), quote.NextRenewalAt);
        Assert.Equal([-17L, 34L], quote.Proration.Lines.Select(l => l.Amount));
        Assert.Equal(17, quote.Total);
    }

    [Fact]
    public void A_given_quantity_prices_the_new_plan_for_it_and_the_proration_date_is_whole_seconds()
    {
        var subscription = InvoiceTestData.Monthly(1_000, quantity: 2, at: Utc(2027, 4, 1));

        var quote = Quote(subscription, 2_000, Utc(2027, 4, 16).AddMilliseconds(900), quantity: 3).Value;

        Assert.Equal((3, 6_000L), (quote.Quantity, quote.Amount));
        Assert.Equal([-1_000L, 3_000L], quote.Proration.Lines.Select(l => l.Amount));
        Assert.Equal(Utc(2027, 4, 16), quote.ProrationDate);
    }

    [Theory]
    [InlineData(false, 1_000, 2_000, 100, 600)]   // 20% on top of $5.00
    [InlineData(true, 1_000, 2_000, 83, 500)]     // 20% inside $5.00: 83.33
    [InlineData(false, 2_000, 1_000, -100, -600)] // a downgrade gives the tax back with the credit
    public void Tax_is_taken_on_the_net_proration_at_the_rate_given(bool inclusive, long oldUnitAmount, long newUnitAmount, long tax, long total)
    {
        var subscription = InvoiceTestData.Monthly(oldUnitAmount, quantity: 1, at: Utc(2027, 4, 1));

        var quote = Quote(subscription, newUnitAmount, Utc(2027, 4, 16), tax: new InvoiceTax("VAT", 200_000, inclusive)).Value;

        Assert.Equal((tax, total), (quote.AmountTax, quote.Total));
    }

    [Theory]
    [InlineData(SubscriptionStatus.Canceled, "A canceled subscription cannot change plan; start a new one.")]
    [InlineData(SubscriptionStatus.PastDue, "A past-due subscription cannot change plan until its open invoice is paid.")]
    [InlineData(SubscriptionStatus.Paused, "Only an active subscription can change plan; this one is paused.")]
    [InlineData(SubscriptionStatus.Trialing, "Only an active subscription can change plan; this one is trialing.")]
    public void Only_an_active_subscription_changes_plan(SubscriptionStatus status, string message)
    {
        var subscription = InvoiceTestData.Monthly(at: Utc(2027, 4, 1));
        subscription.SetStatusForTests(status);

        var refused = Quote(subscription, 2_000, Utc(2027, 4, 16));

        Assert.Equal((ErrorCodes.StateConflict, message), (refused.FirstError.Code, refused.FirstError.Message));
    }

    [Fact]
    public void The_same_plan_another_currency_another_interval_and_an_archived_plan_are_refused_naming_the_plan()
    {
        var at = Utc(2027, 4, 16);
        var (same, samePrice) = PlanOf(1_000, name: "Basic");
        var subscription = InvoiceTestData.Monthly(at: Utc(2027, 4, 1), price: samePrice);
        var (euro, euroPrice) = PlanOf(2_000, "eur");
        var (yearly, yearlyPrice) = PlanOf(20_000, interval: PriceInterval.Year);
        var (archived, archivedPrice) = PlanOf(2_000);
        archived.Archive(at);

        Error Refusal(Plan plan, Price price) => PlanChangeQuote.Of(subscription, "Basic", plan, price, null, at, null).FirstError;

        Assert.Equal("A plan change keeps the currency: the subscription is billed in USD, Pro in EUR.", Refusal(euro, euroPrice).Message);
        Assert.Equal("A plan change keeps the billing interval: the subscription renews every month, Pro every year.", Refusal(yearly, yearlyPrice).Message);
        Assert.Equal("The plan Pro is archived; pick an active plan.", Refusal(archived, archivedPrice).Message);
        Assert.Equal("The subscription is already on Basic; to change how many, change the quantity.", Refusal(same, samePrice).Message);
        Assert.All(new[] { Refusal(euro, euroPrice), Refusal(yearly, yearlyPrice), Refusal(archived, archivedPrice), Refusal(same, samePrice) },
            e => Assert.Equal(("plan", ErrorCodes.ParameterInvalid), (e.Param, e.Code)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Subscription.MaxQuantity + 1)]
    public void A_quantity_out_of_range_is_refused(int quantity)
    {
        var refused = Quote(InvoiceTestData.Monthly(at: Utc(2027, 4, 1)), 2_000, Utc(2027, 4, 16), quantity);

        Assert.Equal(("quantity", ErrorCodes.ParameterInvalid), (refused.FirstError.Param, refused.FirstError.Code));
    }

    [Fact]
    public void A_change_outside_the_current_period_is_refused()
    {
        var refused = Quote(InvoiceTestData.Monthly(at: Utc(2027, 4, 1)), 2_000, Utc(2027, 5, 1));

        Assert.Equal("proration_date", refused.FirstError.Param);
    }

    [Fact]
    public void A_proration_date_is_now_or_a_preview_of_the_last_hour()
    {
        var now = Utc(2027, 4, 16, 12);

        Assert.Equal(now, PlanChangeQuoter.At(null, now).Value);
        Assert.Equal(now.AddMinutes(-59), PlanChangeQuoter.At(now.AddMinutes(-59), now).Value);
        Assert.Equal("The preview is more than an hour old; preview the change again.", PlanChangeQuoter.At(now.AddMinutes(-61), now).FirstError.Message);
        Assert.Equal("The proration date cannot be in the future.", PlanChangeQuoter.At(now.AddSeconds(1), now).FirstError.Message);
    }
}

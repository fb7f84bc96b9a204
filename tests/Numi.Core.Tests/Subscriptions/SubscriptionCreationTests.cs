using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Customers;
using Numi.Core.Dunning;
using Numi.Core.Subscriptions;

namespace Numi.Core.Tests.Subscriptions;

/// <summary>A subscription the API starts with no order: in trial (nothing paid, paid periods from the trial's end) or
/// incomplete with an empty current period, so its first invoice bills the first whole period and paying it activates it.</summary>
public sealed class SubscriptionCreationTests
{
    private static readonly DateTime Now = new(2027, 1, 31, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Organization = Guid.NewGuid();

    private static Customer Customer()
    {
        var customer = Numi.Core.Customers.Customer.Create("ana@example.com", "Ana", null, Now);
        customer.OrganizationId = Organization;
        return customer;
    }

    private static Price NewPrice(PriceSchedule? schedule = null)
    {
        var price = Price.Create(Guid.NewGuid(), "eur", schedule ?? PriceSchedule.Every(PriceInterval.Month), PricingModel.PerUnit(1_000),
            PriceScope.List, null, null, Now);
        price.OrganizationId = Organization;
        return price;
    }

    private static Result<Subscription> Create(int quantity = 2, int trialDays = 0, string paymentMethod = "pm_card_visa", Price? price = null) =>
        Subscription.ForCustomer(Customer(), price ?? NewPrice(), "Coffee club", quantity, 1_000L * quantity, paymentMethod, trialDays, Now, "api");

    [Fact]
    public void Without_a_trial_it_is_incomplete_with_no_period_paid_and_its_first_period_is_the_next_one()
    {
        var created = Create();

        var subscription = created.Value;
        Assert.Null(subscription.OrderId);
        Assert.Null(subscription.OrderLineId);
        Assert.Equal((SubscriptionStatus.Incomplete, 0, Now, Now), (subscription.Status, subscription.CyclesPaid, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd));
        Assert.Equal(("eur", 2, 2_000L, "pm_card_visa", "Coffee club"), (subscription.Currency, subscription.Quantity, subscription.Amount, subscription.PaymentMethod, subscription.Description));
        Assert.False(subscription.IsDue(Now.AddYears(1)));
        // The 31st's first period ends on the last day of February, as a checkout's would.
        Assert.Equal((1, Now, new DateTime(2027, 2, 28, 10, 0, 0, DateTimeKind.Utc)), subscription.NextPeriod());
        var recorded = Assert.Single(subscription.Events);
        Assert.Equal((SubscriptionEventType.Created, SubscriptionStatus.Incomplete, SubscriptionStatus.Incomplete, "first period to be charged", "api"),
            (recorded.Type, recorded.FromStatus, recorded.ToStatus, recorded.Detail, recorded.Note));
    }

    [Fact]
    public void Paying_the_first_period_makes_it_active_and_counts_one_period_paid()
    {
        var subscription = Create().Value;
        var (_, start, end) = subscription.NextPeriod();

        var paid = subscription.RenewalPaid(start, end, "INV-000001", Now);

        Assert.Equal((SubscriptionStatus.Active, 1, start, end), (subscription.Status, subscription.CyclesPaid, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd));
        Assert.Equal((SubscriptionStatus.Incomplete, SubscriptionStatus.Active), (paid.FromStatus, paid.ToStatus));
    }

    [Fact]
    public void A_declined_first_charge_leaves_it_incomplete()
    {
        var subscription = Create().Value;

        subscription.PaymentFailed("INV-000001", new RetryDecision(RetryOutcome.NewCardNeeded, null, "declined", DeclineCodes.Classify("generic_decline")), Now);

        Assert.Equal(SubscriptionStatus.Incomplete, subscription.Status);
    }

    [Fact]
    public void With_a_trial_it_is_trialing_nothing_paid_and_the_paid_periods_count_from_the_trials_end()
    {
        var subscription = Create(trialDays: 14).Value;

        var trialEnd = Now.AddDays(14);
        Assert.Equal((SubscriptionStatus.Trialing, 0, Now, trialEnd, trialEnd),
            (subscription.Status, subscription.CyclesPaid, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd, subscription.BillingAnchor));
        Assert.True(subscription.IsDue(trialEnd));
        Assert.Equal((1, trialEnd, trialEnd.AddMonths(1)), subscription.NextPeriod());
        Assert.Equal("trial of 14 days", Assert.Single(subscription.Events).Detail);
    }

    [Theory]
    [InlineData(0, 0, "pm_card_visa", "quantity")]
    [InlineData(Subscription.MaxQuantity + 1, 0, "pm_card_visa", "quantity")]
    [InlineData(1, -1, "pm_card_visa", "trial_period_days")]
    [InlineData(1, PlanSettings.MaxTrialDays + 1, "pm_card_visa", "trial_period_days")]
    [InlineData(1, 0, " ", "payment_method")]
    public void Bad_values_are_refused_naming_the_field(int quantity, int trialDays, string paymentMethod, string param)
    {
        var created = Create(quantity, trialDays, paymentMethod);

        Assert.False(created.Succeeded);
        Assert.Equal((ErrorCodes.ParameterInvalid, param), (created.FirstError.Code, created.FirstError.Param));
    }

    [Fact]
    public void A_one_time_price_starts_no_subscription_and_another_organizations_price_is_a_bug()
    {
        var once = Create(price: NewPrice(PriceSchedule.OneTime));
        Assert.Equal("price", once.FirstError.Param);

        var foreign = NewPrice();
        foreign.OrganizationId = Guid.NewGuid();
        Assert.Throws<ArgumentException>(() => Create(price: foreign));
    }
}

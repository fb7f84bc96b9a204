using Numi.Core.Catalog;
using Numi.Core.Customers;
using Numi.Core.Subscriptions;
using Numi.Web.Features.Portal;

namespace Numi.Web.Tests.Portal;

/// <summary>The portal's words for a subscription the API started whose first charge was declined: no "next billing
/// date" for a period that never began.</summary>
public sealed class PortalStatusTests
{
    private static readonly DateTime Now = new(2027, 1, 17, 10, 0, 0, DateTimeKind.Utc);

    private static Subscription Started(int trialDays)
    {
        var customer = Customer.Create("ana@example.com", null, null, Now);
        var price = Price.Create(Guid.NewGuid(), "usd", PriceSchedule.Every(PriceInterval.Month), PricingModel.PerUnit(1_000), PriceScope.List, null, null, Now);
        customer.OrganizationId = price.OrganizationId = Guid.NewGuid();
        return Subscription.ForCustomer(customer, price, "Club", 1, 1_000, "pm_card_visa", trialDays, Now).Value;
    }

    [Fact]
    public void An_incomplete_subscription_waits_for_its_first_payment_and_a_trial_names_its_first_charge()
    {
        var incomplete = Started(trialDays: 0);
        var trial = Started(trialDays: 14);

        Assert.Equal(("First payment due", "Starts once its first invoice is paid."), (PortalStatus.Label(incomplete), PortalStatus.Next(incomplete, d => d.ToString("yyyy-MM-dd"))));
        Assert.Equal(("Trial", "Next billing date: 2027-01-31"), (PortalStatus.Label(trial), PortalStatus.Next(trial, d => d.ToString("yyyy-MM-dd"))));
    }
}

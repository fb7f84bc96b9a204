using Numi.Core.Checkout;
using Numi.Core.Clocks;
using Numi.Core.Discounts;
using Numi.Infrastructure.Email;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>The checkout's shared services wired by hand for one context, as the container wires them: the one place
/// tests build them, so a new pricing or fulfilment step is added here once.</summary>
internal static class CheckoutServices
{
    public static CheckoutPricing Pricing(NumiDbContext db, ControllableClock clock) => new(new CheckoutDiscounts(db, clock), new Core.Tax.CheckoutTax(db), new CheckoutTrials(db));

    public static CheckoutFulfilment Fulfilment(NumiDbContext db, ControllableClock clock) =>
        new(db, new OutboxEmailSender(db, clock), new DiscountReservations(db), new Core.Funnels.FunnelAttribution(db, new StoredFunnelSales(db)), clock);
}

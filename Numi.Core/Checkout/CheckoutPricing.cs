using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Offers;
using Numi.Core.Tax;

namespace Numi.Core.Checkout;

/// <summary>Prices a checkout the one way every path uses (starting, choosing, paying, the page and the upsell): the
/// cart from current prices, then the discount of the session's code, then the tax for where the shopper is.</summary>
public sealed class CheckoutPricing(CheckoutTax tax)
{
    /// <param name="session">The session being priced; null while it is being started (no code, no address yet).</param>
    public async Task<Result<CheckoutCart>> PriceAsync(Offer offer, IReadOnlyDictionary<Guid, Price> prices, IReadOnlyDictionary<string, SlotChoice> selection,
        CheckoutSession? session, CancellationToken ct)
    {
        var cart = CheckoutCart.Build(offer, prices, selection);
        if (!cart.Succeeded) return cart;
        return await tax.ApplyAsync(cart.Value, offer, session, ct);
    }
}

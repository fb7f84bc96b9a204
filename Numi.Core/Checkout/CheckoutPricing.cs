using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Offers;
using Numi.Core.Tax;

namespace Numi.Core.Checkout;

/// <summary>Prices a checkout the one way every path uses (starting, choosing, paying, the page and the upsell): the
/// cart from current prices, its plans' trials, then the discount of the session's code, then the tax for where the
/// shopper is.</summary>
public sealed class CheckoutPricing(Discounts.CheckoutDiscounts discounts, CheckoutTax tax, CheckoutTrials trials)
{
    /// <param name="session">The session being priced; null while it is being started (no code, no address yet).</param>
    /// <param name="activeTaxRates">The organization's active tax rates when the caller holds them (see <see cref="CheckoutTax.ApplyAsync"/>).</param>
    public async Task<Result<CheckoutCart>> PriceAsync(Offer offer, IReadOnlyDictionary<Guid, Price> prices, IReadOnlyDictionary<string, SlotChoice> selection,
        CheckoutSession? session, CancellationToken ct, IReadOnlyList<TaxRate>? activeTaxRates = null)
    {
        var cart = CheckoutCart.Build(offer, prices, selection);
        if (!cart.Succeeded) return cart;
        var discounted = await discounts.ApplyAsync(await trials.ApplyAsync(cart.Value, ct), session, ct);
        if (!discounted.Succeeded) return discounted;
        return await tax.ApplyAsync(discounted.Value, offer, session, ct, activeTaxRates);
    }
}

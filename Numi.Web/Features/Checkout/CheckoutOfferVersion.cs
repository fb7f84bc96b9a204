using System.Security.Cryptography;
using System.Text.Json;
using Numi.Core.Catalog;
using Numi.Core.Offers;
using Numi.Core.Tax;

namespace Numi.Web.Features.Checkout;

/// <summary>Everything a read of a <see cref="CheckoutOffer"/> found that a session's page may show (the offer with its
/// slots, the prices they sell, the active tax rates, the Stripe key and the plans' trial days), hashed: two reads with
/// the same version render the same pages, so the later one may keep the earlier one's templates. A change saved on
/// another node (which evicts nothing here) shows as another version at the next read.</summary>
public static class CheckoutOfferVersion
{
    public static string Of(Offer offer, IReadOnlyDictionary<Guid, Price> prices, IReadOnlyList<TaxRate> taxRates, string? stripeKey,
        IReadOnlyDictionary<Guid, int> trialDays)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new
        {
            offer,
            Prices = prices.OrderBy(p => p.Key).Select(p => p.Value),
            TaxRates = taxRates.OrderBy(r => r.Id),
            stripeKey,
            TrialDays = trialDays.OrderBy(t => t.Key).Select(t => new { t.Key, t.Value }),
        });
        return Convert.ToHexString(SHA256.HashData(json));
    }
}

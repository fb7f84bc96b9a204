using System.Globalization;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Offers;
using Numi.Core.Payments;
using Numi.Core.Tax;
using Numi.Web.Components.Kit;

namespace Numi.Web.Features.Checkout;

/// <summary>The checkout form as posted. Card fields are read once to pay and never rendered back or kept.</summary>
public sealed class CheckoutInput
{
    public List<SlotPick>? Slots { get; set; } = [];
    public string? Email { get; set; }
    public string? Name { get; set; }
    public string? CardNumber { get; set; }
    /// <summary>"MM/YY" or "MM/YYYY".</summary>
    public string? Expiry { get; set; }
    public string? Cvc { get; set; }
    /// <summary>With Stripe: the <c>pm_…</c> Stripe.js created from Stripe's card field.</summary>
    public string? PaymentMethod { get; set; }
    public string? Action { get; set; }
    public string? DiscountCode { get; set; }
    public string? Phone { get; set; }
    public AddressInput? Billing { get; set; }
    public AddressInput? Shipping { get; set; }
    public Dictionary<string, string>? Answers { get; set; }
    /// <summary>The country chosen where the offer asks for no address but the merchant charges tax.</summary>
    public string? TaxCountry { get; set; }

    public sealed class AddressInput
    {
        public string? Line1 { get; set; }
        public string? Line2 { get; set; }
        public string? City { get; set; }
        public string? PostalCode { get; set; }
        public string? Country { get; set; }
        public string? State { get; set; }

        public Address ToAddress() => new(Line1?.Trim(), Line2?.Trim(), City?.Trim(), PostalCode?.Trim(), Country?.Trim().ToUpperInvariant(),
            string.IsNullOrWhiteSpace(State) ? null : State.Trim().ToUpperInvariant());
    }

    public CheckoutDetails Details(OfferPaymentSettings settings, TaxLocation? known)
    {
        var details = new CheckoutDetails(Phone?.Trim(), Billing?.ToAddress(), Shipping?.ToAddress(), Answers);
        return details with { Location = Location(settings, known) };
    }

    /// <summary>Where the shopper is taxed, from what this form asks: the billing address, else the shipping address,
    /// else the country chosen; null while none of them names a country. The country picker names no state, so a state
    /// the session already <paramref name="known"/> (given through the API) stays while the same country is chosen.</summary>
    public TaxLocation? Location(OfferPaymentSettings settings, TaxLocation? known)
    {
        if (settings.CollectBillingAddress) return TaxLocation.Of(Billing?.Country, Billing?.State);
        if (settings.CollectShippingAddress) return TaxLocation.Of(Shipping?.Country, Shipping?.State);
        var chosen = TaxLocation.Of(TaxCountry, null);
        return chosen is not null && chosen.Country == known?.Country ? known : chosen;
    }

    public sealed class SlotPick
    {
        public string? Key { get; set; }
        public string? Price { get; set; }
        /// <summary>As typed: text, so that "abc" or "1.5" is a message rather than silently one.</summary>
        public string? Quantity { get; set; }
        /// <summary>For an order bump: ticked or not.</summary>
        public bool Selected { get; set; }
        public bool Bump { get; set; }
    }

    /// <summary>The shopper's choices; an unticked order bump is left out, a malformed price id or quantity is a message.
    /// A slot posted without a quantity (its field is not shown) counts one.</summary>
    public Dictionary<string, SlotChoice> Selection(FormErrors errors)
    {
        var selection = new Dictionary<string, SlotChoice>(StringComparer.Ordinal);
        foreach (var pick in Slots ?? [])
        {
            if (string.IsNullOrEmpty(pick.Key) || (pick.Bump && !pick.Selected)) continue;
            if (!PublicId.TryParse(IdPrefixes.Price, pick.Price, out var price))
            {
                errors.Add($"selection.{pick.Key}.price", "Choose one of the options.");
                continue;
            }
            var quantity = 1;
            if (!string.IsNullOrWhiteSpace(pick.Quantity)
                && !int.TryParse(pick.Quantity.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out quantity))
            {
                errors.Add($"selection.{pick.Key}.quantity", "Enter the quantity as a whole number.");
                continue;
            }
            selection[pick.Key] = new SlotChoice(price.Value, quantity);
        }
        return selection;
    }

    public string? StripePaymentMethod(FormErrors errors) => CardFields.StripeMethod(PaymentMethod, errors);

    public CardDetails? Card(FormErrors errors) => CardFields.Read(CardNumber, Expiry, Cvc, errors);
}

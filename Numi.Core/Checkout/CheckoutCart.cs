using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Offers;

namespace Numi.Core.Checkout;

public sealed record CartLine(OfferSlot Slot, Price Price, int Quantity, Quote Quote)
{
    /// <summary>What one period of the line costs.</summary>
    public long Amount => Quote.Amount;

    /// <summary>The free days of the plan of a recurring price (<see cref="CheckoutTrials"/>); 0 for none.</summary>
    public int TrialDays { get; init; }

    /// <summary>What the line costs today: nothing during a trial.</summary>
    public long DueNow => TrialDays > 0 ? 0 : Amount;
}

/// <summary>An offer's selection priced from the current prices. The server always computes it; a total sent by a
/// browser is never read.</summary>
public sealed record CheckoutCart(string Currency, IReadOnlyList<CartLine> Lines, long Subtotal)
{
    /// <summary>Taken off the subtotal by a discount code.</summary>
    public long Discount { get; init; }
    /// <summary>What the shopper is told reads "Discount (SPRING10)".</summary>
    public string? DiscountLabel { get; init; }
    /// <summary>The code behind <see cref="Discount"/>, kept on the order.</summary>
    public Discounts.AppliedDiscount? AppliedDiscount { get; init; }
    /// <summary>The tax on the discounted subtotal: added to the total, or already inside it when <see cref="TaxInclusive"/>.</summary>
    public long Tax { get; init; }
    public bool TaxInclusive { get; init; }
    /// <summary>What the shopper is told reads "VAT 20%".</summary>
    public string? TaxLabel { get; init; }
    /// <summary>The rate the tax was computed at, which the order snapshots.</summary>
    public Tax.TaxRate? TaxRate { get; init; }
    /// <summary>A line for the shopper about tax when there is none to show: "Tax exempt", or where it will come from.</summary>
    public string? TaxNote { get; init; }

    public long Total => Subtotal - Discount + (TaxInclusive ? 0 : Tax);

    /// <summary>Nothing is due today because every recurring line is in trial: the card is kept, not charged (Stripe
    /// refuses a payment of zero).</summary>
    public bool OnlyTrialsDue => Total == 0 && Lines.Any(l => l.TrialDays > 0);

    /// <summary>The lines for <paramref name="selection"/>: required slots fall back to their default price and quantity;
    /// an order bump is in the cart only when chosen with a quantity above 0.</summary>
    public static Result<CheckoutCart> Build(Offer offer, IReadOnlyDictionary<Guid, Price> prices, IReadOnlyDictionary<string, SlotChoice> selection)
    {
        foreach (var key in selection.Keys)
            if (offer.Slots.All(s => s.Key != key)) return Error.Invalid($"selection.{key}", $"The offer has no slot '{key}'.");

        var lines = new List<CartLine>();
        var subtotal = 0L;
        foreach (var slot in offer.OrderedSlots)
        {
            var chosen = selection.TryGetValue(slot.Key, out var choice);
            if (!chosen && !slot.Required) continue;
            var priceId = chosen ? choice!.Price : slot.DefaultPriceId;
            // The merchant changed that price's amounts since it was chosen: the slot now sells its replacement.
            if (prices.TryGetValue(priceId, out var was) && was.ReplacedByPriceId is { } replacement && slot.Options.Any(o => o.PriceId == replacement))
                priceId = replacement;
            var quantity = chosen ? choice!.Quantity : slot.QuantityDefault;
            if (!slot.Required && quantity == 0) continue;

            if (slot.Options.All(o => o.PriceId != priceId) && priceId != slot.DefaultPriceId)
                return Error.Invalid($"selection.{slot.Key}.price", $"That price is not offered for {slot.Name}.");
            if (!prices.TryGetValue(priceId, out var price) || !price.Active)
                return Error.Invalid($"selection.{slot.Key}.price", $"{slot.Name} is no longer sold at that price.");
            var min = Math.Max(1, slot.QuantityMin);
            if (quantity < min || (slot.QuantityMax is { } max && quantity > max))
                return Error.Invalid($"selection.{slot.Key}.quantity",
                    slot.QuantityMax is { } most ? $"Choose between {min} and {most} for {slot.Name}." : $"Choose at least {min} for {slot.Name}.");

            var quote = PriceCalculator.Quote(price, quantity);
            if (!quote.Succeeded) return Result<CheckoutCart>.Failure(quote.Errors.Select(e => e with { Param = $"selection.{slot.Key}.quantity" }).ToList());
            try
            {
                subtotal = checked(subtotal + quote.Value.Amount);
            }
            catch (OverflowException)
            {
                return new Error(PriceCalculator.AmountTooLarge, "The order is larger than the largest amount Numi can record.", $"selection.{slot.Key}.quantity");
            }
            lines.Add(new CartLine(slot, price, quantity, quote.Value));
        }
        if (!lines.Any(l => l.Slot.Required)) return Error.Invalid("selection", "The order has nothing in it.");
        return new CheckoutCart(offer.Currency, lines, subtotal);
    }

    /// <summary>The cart with <paramref name="trialDays"/> (by price) on its recurring lines: a line in trial is charged
    /// nothing today, so the subtotal (and the discount and tax taken from it) counts only what is due now.</summary>
    public CheckoutCart WithTrials(IReadOnlyDictionary<Guid, int> trialDays)
    {
        var lines = Lines.Select(l => l.Price.IsRecurring && trialDays.TryGetValue(l.Price.Id, out var days) ? l with { TrialDays = days } : l).ToList();
        return this with { Lines = lines, Subtotal = lines.Sum(l => l.DueNow) };
    }

    /// <summary>The default selection: every required slot at its default price and quantity.</summary>
    public static Dictionary<string, SlotChoice> Defaults(Offer offer) =>
        offer.OrderedSlots.Where(s => s.Required).ToDictionary(s => s.Key, s => new SlotChoice(s.DefaultPriceId, s.QuantityDefault));

    /// <summary>The shopper's choice as a whole order: required slots the shopper did not mention keep their default.</summary>
    public static Dictionary<string, SlotChoice> Completed(Offer offer, IReadOnlyDictionary<string, SlotChoice> chosen)
    {
        var selection = Defaults(offer);
        foreach (var (key, choice) in chosen) selection[key] = choice;
        return selection;
    }
}

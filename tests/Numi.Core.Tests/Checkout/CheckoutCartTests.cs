using Numi.Core.Catalog;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Offers;

namespace Numi.Core.Tests.Checkout;

/// <summary>CheckoutCart.Build: the server's pricing of a selection, from the offer's slots and the current prices.</summary>
public sealed class CheckoutCartTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);

    private static readonly Guid ProductId = Guid.CreateVersion7();

    private static Price PerUnit(long amount) =>
        Price.Create(ProductId, "usd", PriceSchedule.OneTime, PricingModel.PerUnit(amount), PriceScope.List, null, null, Now);

    /// <summary>Stripe's worked example: units 1–5 at $5.00, 6–10 at $4.00, 11 and up at $3.00.</summary>
    private static Price Graduated() =>
        Price.Create(ProductId, "usd", PriceSchedule.OneTime,
            PricingModel.Tiered(TiersMode.Graduated, new PriceTier(5, 500, null), new PriceTier(10, 400, null), new PriceTier(null, 300, null)),
            PriceScope.List, null, null, Now);

    /// <summary>A coffee club: coffee (required, 1 bag at $15 or 3 bags at $40, 1–5), beans by weight (required,
    /// tiered, default 2, 1–20) and a grinder order bump at $49 (0–2).</summary>
    private sealed class Shop
    {
        public Price Bag { get; } = PerUnit(1_500);
        public Price ThreeBags { get; } = PerUnit(4_000);
        public Price Beans { get; } = Graduated();
        public Price Grinder { get; } = PerUnit(4_900);
        public Price NotOffered { get; } = PerUnit(100);
        public Offer Offer { get; }
        public Dictionary<Guid, Price> Prices { get; }

        public Shop()
        {
            Offer = Offer.Create("Coffee club", "coffee-club", null, "usd", Now);
            Offer.AddSlot(new SlotFields("coffee", "Coffee", Bag.Id, MaxQuantity: 5,
                Options: [new SlotOptionInput(Bag.Id, "1 bag"), new SlotOptionInput(ThreeBags.Id, "3 bags")]));
            Offer.AddSlot(new SlotFields("beans", "Beans by weight", Beans.Id, Quantity: 2, MaxQuantity: 20));
            Offer.AddSlot(new SlotFields("grinder", "Grinder", Grinder.Id, Required: false, MaxQuantity: 2));
            Prices = new[] { Bag, ThreeBags, Beans, Grinder, NotOffered }.ToDictionary(p => p.Id);
        }

        public Result<CheckoutCart> Build(params (string Key, Guid Price, int Quantity)[] choices) =>
            CheckoutCart.Build(Offer, Prices, choices.ToDictionary(c => c.Key, c => new SlotChoice(c.Price, c.Quantity)));
    }

    private static CheckoutCart Built(Result<CheckoutCart> result)
    {
        Assert.True(result.Succeeded, result.Succeeded ? "" : $"{result.FirstError.Param}: {result.FirstError.Code} {result.FirstError.Message}");
        return result.Value;
    }

    private static void AssertRefused(Result<CheckoutCart> result, string code, string param)
    {
        Assert.False(result.Succeeded, "The cart was built but should have been refused.");
        Assert.Equal(param, result.FirstError.Param);
        Assert.Equal(code, result.FirstError.Code);
    }

    [Fact]
    public void An_empty_selection_has_every_required_slot_at_its_default_price_and_quantity_and_no_order_bump()
    {
        var shop = new Shop();

        var cart = Built(shop.Build());

        Assert.Equal("usd", cart.Currency);
        Assert.Equal(["coffee", "beans"], cart.Lines.Select(l => l.Slot.Key));
        Assert.Equal(shop.Bag.Id, cart.Lines[0].Price.Id);
        Assert.Equal(1, cart.Lines[0].Quantity);
        Assert.Equal(1_500, cart.Lines[0].Amount);
        Assert.Equal(shop.Beans.Id, cart.Lines[1].Price.Id);
        Assert.Equal(2, cart.Lines[1].Quantity);
        Assert.Equal(1_000, cart.Lines[1].Amount);
        Assert.Equal(2_500, cart.Subtotal);
        Assert.Equal(cart.Subtotal, cart.Total);
    }

    [Fact]
    public void Defaults_name_every_required_slot_and_build_the_same_cart_as_an_empty_selection()
    {
        var shop = new Shop();

        var defaults = CheckoutCart.Defaults(shop.Offer);
        var cart = Built(CheckoutCart.Build(shop.Offer, shop.Prices, defaults));

        Assert.Equal(["beans", "coffee"], defaults.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new SlotChoice(shop.Bag.Id, 1), defaults["coffee"]);
        Assert.Equal(new SlotChoice(shop.Beans.Id, 2), defaults["beans"]);
        Assert.Equal(2_500, cart.Subtotal);
    }

    [Fact]
    public void A_chosen_option_price_is_used_for_its_slot()
    {
        var shop = new Shop();

        var cart = Built(shop.Build(("coffee", shop.ThreeBags.Id, 2)));

        var coffee = cart.Lines.Single(l => l.Slot.Key == "coffee");
        Assert.Equal(shop.ThreeBags.Id, coffee.Price.Id);
        Assert.Equal(2, coffee.Quantity);
        Assert.Equal(8_000, coffee.Amount);
        Assert.Equal(8_000 + 1_000, cart.Subtotal);
    }

    [Fact]
    public void A_chosen_order_bump_is_added_to_the_cart()
    {
        var shop = new Shop();

        var cart = Built(shop.Build(("grinder", shop.Grinder.Id, 1)));

        Assert.Equal(["coffee", "beans", "grinder"], cart.Lines.Select(l => l.Slot.Key));
        Assert.Equal(4_900, cart.Lines[2].Amount);
        Assert.Equal(1_500 + 1_000 + 4_900, cart.Subtotal);
    }

    [Fact]
    public void An_order_bump_chosen_with_quantity_0_is_left_out()
    {
        var shop = new Shop();

        var cart = Built(shop.Build(("grinder", shop.Grinder.Id, 0)));

        Assert.DoesNotContain(cart.Lines, l => l.Slot.Key == "grinder");
        Assert.Equal(2_500, cart.Subtotal);
    }

    [Fact]
    public void A_price_the_slot_does_not_offer_is_refused_on_the_slot_price()
    {
        var shop = new Shop();

        // A price the offer knows nothing about, and a price that belongs to another slot of the same offer.
        AssertRefused(shop.Build(("coffee", shop.NotOffered.Id, 1)), ErrorCodes.ParameterInvalid, "selection.coffee.price");
        AssertRefused(shop.Build(("coffee", shop.Grinder.Id, 1)), ErrorCodes.ParameterInvalid, "selection.coffee.price");
        AssertRefused(shop.Build(("grinder", shop.Bag.Id, 1)), ErrorCodes.ParameterInvalid, "selection.grinder.price");
        AssertRefused(shop.Build(("beans", Guid.CreateVersion7(), 1)), ErrorCodes.ParameterInvalid, "selection.beans.price");
    }

    [Fact]
    public void An_archived_price_is_refused_on_the_slot_price()
    {
        var shop = new Shop();
        shop.ThreeBags.Archive(Now);

        AssertRefused(shop.Build(("coffee", shop.ThreeBags.Id, 1)), ErrorCodes.ParameterInvalid, "selection.coffee.price");
        Assert.True(shop.Build(("coffee", shop.Bag.Id, 1)).Succeeded);
    }

    [Theory]
    [InlineData("coffee", 6)]   // above the maximum of 5
    [InlineData("coffee", 0)]   // a required slot sells at least 1
    [InlineData("coffee", -1)]
    [InlineData("beans", 21)]
    [InlineData("grinder", 3)]  // an order bump above its maximum
    [InlineData("grinder", -1)]
    public void A_quantity_outside_the_slot_limits_is_refused_on_the_slot_quantity(string key, int quantity)
    {
        var shop = new Shop();
        var price = shop.Offer.Slots.Single(s => s.Key == key).DefaultPriceId;

        AssertRefused(shop.Build((key, price, quantity)), ErrorCodes.ParameterInvalid, $"selection.{key}.quantity");
    }

    [Fact]
    public void A_quantity_below_a_slot_minimum_above_1_is_refused()
    {
        var price = PerUnit(500);
        var offer = Offer.Create("Pack", "pack", null, "usd", Now);
        offer.AddSlot(new SlotFields("cups", "Cups", price.Id, MinQuantity: 3, MaxQuantity: 10));
        var prices = new Dictionary<Guid, Price> { [price.Id] = price };

        var below = CheckoutCart.Build(offer, prices, new Dictionary<string, SlotChoice> { ["cups"] = new(price.Id, 2) });
        var atMin = CheckoutCart.Build(offer, prices, new Dictionary<string, SlotChoice> { ["cups"] = new(price.Id, 3) });
        var atMax = CheckoutCart.Build(offer, prices, new Dictionary<string, SlotChoice> { ["cups"] = new(price.Id, 10) });
        var defaults = CheckoutCart.Build(offer, prices, new Dictionary<string, SlotChoice>());

        AssertRefused(below, ErrorCodes.ParameterInvalid, "selection.cups.quantity");
        Assert.Equal(1_500, Built(atMin).Subtotal);
        Assert.Equal(5_000, Built(atMax).Subtotal);
        Assert.Equal(3, Built(defaults).Lines.Single().Quantity); // the default starts at the minimum
    }

    [Fact]
    public void An_unknown_slot_key_is_refused_on_the_selection_key()
    {
        var shop = new Shop();

        AssertRefused(shop.Build(("milk", shop.Bag.Id, 1)), ErrorCodes.ParameterInvalid, "selection.milk");
        // Slot keys are exact: "Coffee" is not "coffee".
        AssertRefused(shop.Build(("Coffee", shop.Bag.Id, 1)), ErrorCodes.ParameterInvalid, "selection.Coffee");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(12)]
    [InlineData(20)]
    public void The_subtotal_is_the_sum_of_the_pricing_engine_quotes_including_a_tiered_price(int beans)
    {
        var shop = new Shop();

        var cart = Built(shop.Build(("coffee", shop.ThreeBags.Id, 3), ("beans", shop.Beans.Id, beans), ("grinder", shop.Grinder.Id, 2)));

        var expected = PriceCalculator.Quote(shop.ThreeBags, 3).Value.Amount
                       + PriceCalculator.Quote(shop.Beans, beans).Value.Amount
                       + PriceCalculator.Quote(shop.Grinder, 2).Value.Amount;
        Assert.Equal(expected, cart.Subtotal);
        Assert.Equal(cart.Lines.Sum(l => l.Amount), cart.Subtotal);
        foreach (var line in cart.Lines) Assert.Equal(PriceCalculator.Quote(line.Price, line.Quantity).Value.Amount, line.Quote.Amount);
    }

    [Fact]
    public void Twelve_units_of_the_graduated_price_cost_each_tier_in_turn()
    {
        var shop = new Shop();

        var cart = Built(shop.Build(("beans", shop.Beans.Id, 12)));

        // 5 × $5.00 + 5 × $4.00 + 2 × $3.00 = $51.00, plus one bag of coffee at $15.00.
        Assert.Equal(5_100, cart.Lines.Single(l => l.Slot.Key == "beans").Amount);
        Assert.Equal(6_600, cart.Subtotal);
    }

    [Fact]
    public void A_line_too_large_for_the_ledger_is_amount_too_large_on_the_slot_quantity()
    {
        var huge = PerUnit(PricingFields.MaxAmount);
        var offer = Offer.Create("Big", "big", null, "usd", Now);
        offer.AddSlot(new SlotFields("item", "Item", huge.Id));
        var prices = new Dictionary<Guid, Price> { [huge.Id] = huge };

        var result = CheckoutCart.Build(offer, prices, new Dictionary<string, SlotChoice> { ["item"] = new(huge.Id, int.MaxValue) });

        AssertRefused(result, PriceCalculator.AmountTooLarge, "selection.item.quantity");
    }

    [Fact]
    public void Lines_that_each_fit_but_whose_sum_does_not_are_amount_too_large()
    {
        // Price.Create does not apply the API's amount limits, so a line near long.MaxValue / 2 can be built here.
        var first = PerUnit(5_000_000_000_000_000_000);
        var second = PerUnit(5_000_000_000_000_000_000);
        var offer = Offer.Create("Big", "big", null, "usd", Now);
        offer.AddSlot(new SlotFields("first", "First", first.Id));
        offer.AddSlot(new SlotFields("second", "Second", second.Id));
        var prices = new Dictionary<Guid, Price> { [first.Id] = first, [second.Id] = second };

        var result = CheckoutCart.Build(offer, prices, new Dictionary<string, SlotChoice>());

        AssertRefused(result, PriceCalculator.AmountTooLarge, "selection.second.quantity");
    }

    [Fact]
    public void An_offer_with_only_an_unchosen_order_bump_has_nothing_to_sell()
    {
        var grinder = PerUnit(4_900);
        var offer = Offer.Create("Bump only", "bump-only", null, "usd", Now);
        offer.AddSlot(new SlotFields("grinder", "Grinder", grinder.Id, Required: false));
        var prices = new Dictionary<Guid, Price> { [grinder.Id] = grinder };

        var empty = CheckoutCart.Build(offer, prices, new Dictionary<string, SlotChoice>());
        var bumpOnly = CheckoutCart.Build(offer, prices, new Dictionary<string, SlotChoice> { ["grinder"] = new(grinder.Id, 1) });

        AssertRefused(empty, ErrorCodes.ParameterInvalid, "selection");
        AssertRefused(bumpOnly, ErrorCodes.ParameterInvalid, "selection");
    }
}

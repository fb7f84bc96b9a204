using Bunit;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Offers;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>The offer editor's slots tab: adding a required slot and an order bump, the Core's messages under their
/// fields with nothing saved, and removing after a confirmation that can be declined.</summary>
[Collection(AppCollection.Name)]
public sealed class OfferEditorSlotTests(NumiFactory factory) : OfferEditorContext(factory)
{
    private void FillSlot(string key, string name, string? price, bool bump = false)
    {
        Type("slot-key", key);
        Type("slot-name", name);
        if (bump) Editor.Choose("[data-testid=slot-kind-choice]", "Optional");
        if (price is not null) Select("Default price", price);
    }

    private async Task SubmitSlotAsync() => await Editor.Find("[data-testid=slot-form]").SubmitAsync();

    private List<string> SlotItems() => Editor.FindAll("[data-testid=slot-list] > li").Select(li => li.TextContent).ToList();

    private Task<int> SlotCountAsync(Guid organizationId) =>
        Factory.WithDbAsync(db => db.OfferSlots.IgnoreQueryFilters().CountAsync(s => s.OrganizationId == organizationId));

    [Fact]
    public async Task A_required_slot_and_an_order_bump_are_added_and_listed_in_order()
    {
        var person = await Factory.SignUpPersonAsync();
        await SeedPricedProductAsync(person.OrganizationId, "Coffee", "usd", 1500);
        await SeedPricedProductAsync(person.OrganizationId, "Grinder", "usd", 2900);
        var offer = await Factory.SeedOfferAsync(person.OrganizationId, "Coffee Club", "club-slots");
        await OpenAsync(person, offer.PublicId);
        Assert.Contains("No slots yet", Editor.Markup);

        FillSlot("coffee", "Coffee bag", "Coffee ·");
        await SubmitSlotAsync();
        WaitForSnackbar("Slot Coffee bag added.");
        Editor.WaitForAssertion(() => Assert.Single(SlotItems()));
        // The form is empty again for the next slot.
        Assert.Equal("", Editor.Find("#slot-key").GetAttribute("value") ?? "");

        FillSlot("grinder", "Grinder", "Grinder ·", bump: true);
        await SubmitSlotAsync();
        WaitForSnackbar("Slot Grinder added.");

        Editor.WaitForAssertion(() => Assert.Equal(2, SlotItems().Count));
        var items = SlotItems();
        Assert.Contains("Coffee bag", items[0]);
        Assert.Contains("Required", items[0]);
        Assert.DoesNotContain("Order bump", items[0]);
        Assert.Contains("Grinder", items[1]);
        Assert.Contains("Order bump", items[1]);
        Assert.Contains("$29.00", items[1]);
        Assert.DoesNotContain("No slots yet", Editor.Markup);
        var stored = await StoredAsync(offer.Id);
        Assert.True(stored.Slots.Single(s => s.Key == "coffee").Required);
        Assert.False(stored.Slots.Single(s => s.Key == "grinder").Required);
        var coffeePrice = stored.Slots.Single(s => s.Key == "coffee").DefaultPriceId;
        Assert.Equal(1500, await Factory.WithDbAsync(db => db.Prices.IgnoreQueryFilters().Where(p => p.Id == coffeePrice).Select(p => p.UnitAmount).SingleAsync()));
    }

    [Fact]
    public async Task Missing_fields_get_their_messages_under_them_and_nothing_is_saved()
    {
        var person = await Factory.SignUpPersonAsync();
        await SeedPricedProductAsync(person.OrganizationId, "Coffee", "usd", 1500);
        var offer = await Factory.SeedOfferAsync(person.OrganizationId, "Coffee Club", "club-missing");
        await OpenAsync(person, offer.PublicId);

        Type("slot-key", "Not A Key");
        Type("slot-qty", "0");
        Type("slot-max", "20000");
        await SubmitSlotAsync();

        Editor.WaitForAssertion(() => Assert.Equal("A slot key has 1–40 lower-case letters, digits or '_', starting with a letter.", MessageUnder("slot-key")));
        Assert.Equal("Give the slot a name the shopper sees.", MessageUnder("slot-name"));
        Assert.Equal("Choose the slot's default price.", MessageUnder("slot-price"));
        Assert.Equal("The maximum must be between 1 and 10,000.", MessageUnder("slot-max"));
        Assert.Equal("The default quantity must be between the minimum (1) and the maximum (20000).", MessageUnder("slot-qty"));
        Assert.Null(MessageUnder("slot-min"));
        Assert.Empty(Editor.FindAll("[data-testid=slot-form-errors]"));
        Assert.Equal(0, await SlotCountAsync(person.OrganizationId));
    }

    [Fact]
    public async Task A_taken_key_and_a_price_archived_meanwhile_are_refused_under_their_fields()
    {
        var person = await Factory.SignUpPersonAsync();
        var coffee = await SeedPricedProductAsync(person.OrganizationId, "Coffee", "usd", 1500);
        await SeedPricedProductAsync(person.OrganizationId, "Grinder", "usd", 2900);
        var offer = await Factory.SeedOfferAsync(person.OrganizationId, "Coffee Club", "club-refused", bumps: 1);
        await OpenAsync(person, offer.PublicId);

        FillSlot("slot0", "Again", "Coffee ·");
        await SubmitSlotAsync();
        Editor.WaitForAssertion(() => Assert.Equal("Another slot in this offer already has the key 'slot0'.", MessageUnder("slot-key")));

        // The price is archived in another tab after the page was read: the Core refuses it under the price.
        await Factory.WithDbAsync(db => db.Prices.IgnoreQueryFilters().Where(p => p.Id == coffee.Id).ExecuteUpdateAsync(p => p.SetProperty(x => x.Active, false)));
        Type("slot-key", "coffee");
        await SubmitSlotAsync();
        Editor.WaitForAssertion(() => Assert.Equal("This price (or its product) is archived and cannot be sold.", MessageUnder("slot-price")));
        Assert.Null(MessageUnder("slot-key"));
        Assert.Equal(1, await SlotCountAsync(person.OrganizationId));
    }

    [Fact]
    public async Task Removing_a_slot_asks_first_and_keeping_it_removes_nothing()
    {
        var (person, offer) = await OpenOfferAsync(slug: "club-remove", bumps: 2);
        Assert.Equal(2, SlotItems().Count);

        Editor.Find("[data-testid=remove-slot0]").Click();
        Answer("Remove the slot Slot 0?", "Keep it");
        Assert.Equal(2, await SlotCountAsync(person.OrganizationId));
        Assert.Equal(2, SlotItems().Count);

        Editor.Find("[data-testid=remove-slot0]").Click();
        Answer("Remove the slot Slot 0?", "Remove slot");
        WaitForSnackbar("Slot Slot 0 removed.");
        Editor.WaitForAssertion(() => Assert.Single(SlotItems()));
        Assert.Contains("Slot 1", SlotItems()[0]);
        Assert.Equal(["slot1"], (await StoredAsync(offer.Id)).Slots.Select(s => s.Key));

        Editor.Find("[data-testid=remove-slot1]").Click();
        Answer("Remove the slot Slot 1?", "Remove slot");
        Editor.WaitForAssertion(() => Assert.Contains("No slots yet", Editor.Markup));
        Assert.Equal(0, await SlotCountAsync(person.OrganizationId));
    }

    [Fact]
    public async Task The_last_required_slot_of_a_published_offer_stays_and_the_editor_says_why()
    {
        var (person, _) = await OpenOfferAsync(slug: "club-live", status: OfferStatus.Published);

        Editor.Find("[data-testid=remove-slot0]").Click();
        Answer("Remove the slot Slot 0?", "Remove slot");

        Editor.WaitForAssertion(() => Assert.Contains("A published offer keeps at least one required slot; unpublish it first.",
            Editor.Find("[data-testid=slot-errors]").TextContent));
        Assert.Equal(1, await SlotCountAsync(person.OrganizationId));
    }

    [Fact]
    public async Task Slots_move_up_and_down_with_their_buttons()
    {
        var (_, offer) = await OpenOfferAsync(slug: "club-move", bumps: 2);
        Assert.True(Editor.Find("button[aria-label='Move Slot 0 up']").HasAttribute("disabled"));

        Editor.Find("button[aria-label='Move Slot 1 up']").Click();

        Editor.WaitForAssertion(() => Assert.Contains("Slot 1", SlotItems()[0]));
        Assert.Equal(["slot1", "slot0"], (await StoredAsync(offer.Id)).OrderedSlots.Select(s => s.Key));
        Assert.True(Editor.Find("button[aria-label='Move Slot 0 down']").HasAttribute("disabled"));
    }
}

using Bunit;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>Editing a slot in the offer editor: other prices the shopper may choose, and taking one away only after
/// a confirmation that can be declined.</summary>
[Collection(AppCollection.Name)]
public sealed class OfferEditorSlotOptionTests(NumiFactory factory) : OfferEditorContext(factory)
{
    private void Tick(string priceId, bool on) => Editor.Find($"[data-option='{priceId}'] input[type=checkbox]").Change(on);

    [Fact]
    public async Task A_slot_offers_other_prices_with_labels_and_dropping_one_asks_first()
    {
        var person = await Factory.SignUpPersonAsync();
        var oneBag = await SeedPricedProductAsync(person.OrganizationId, "Coffee", "usd", 1500);
        var threeBags = await SeedPricedProductAsync(person.OrganizationId, "Coffee x3", "usd", 4000);
        var offer = await Factory.SeedOfferAsync(person.OrganizationId, "Coffee Club", "club-options");
        await OpenAsync(person, offer.PublicId);

        Type("slot-key", "coffee");
        Type("slot-name", "Coffee");
        Select("Default price", "Coffee ·");
        Tick(threeBags.PublicId, true);
        Editor.Find($"[data-option='{threeBags.PublicId}'] input[aria-label^='Label for']").Change("3 bags");
        await Editor.Find("[data-testid=slot-form]").SubmitAsync();
        WaitForSnackbar("Slot Coffee added.");

        Editor.WaitForAssertion(() => Assert.Contains("Choices: Coffee · $15.00 / 3 bags", Editor.Find("[data-testid=slot-list]").TextContent));
        var slot = Assert.Single((await StoredAsync(offer.Id)).Slots);
        Assert.Equal([(oneBag.Id, (string?)null), (threeBags.Id, "3 bags")], slot.OrderedOptions.Select(o => (o.PriceId, o.Label)));

        // Editing: unticking "3 bags" would take a choice away from shoppers, so it asks; keeping it saves nothing.
        Editor.Find("[data-testid=edit-coffee]").Click();
        Editor.WaitForAssertion(() => Assert.Equal("Edit slot Coffee", Editor.Find("[data-testid=slot-form-title]").TextContent.Trim()));
        Assert.Equal("coffee", Editor.Find("#slot-key").GetAttribute("value"));
        Tick(threeBags.PublicId, false);
        // Not awaited: the submit waits for the answer to the confirmation.
        Editor.Find("[data-testid=slot-form]").Submit();
        Answer("Remove a choice from Coffee?", "Cancel");
        Assert.Equal(2, Assert.Single((await StoredAsync(offer.Id)).Slots).Options.Count);

        Editor.Find("[data-testid=slot-form]").Submit();
        Answer("Remove a choice from Coffee?", "Remove and save");
        WaitForSnackbar("Slot saved.");
        Editor.WaitForAssertion(() => Assert.DoesNotContain("Choices:", Editor.Find("[data-testid=slot-list]").TextContent));
        Assert.Equal([oneBag.Id], Assert.Single((await StoredAsync(offer.Id)).Slots).Options.Select(o => o.PriceId));
        Assert.Equal("Add a slot", Editor.Find("[data-testid=slot-form-title]").TextContent.Trim());
    }

    [Fact]
    public async Task Turning_a_slot_into_an_order_bump_needs_no_confirmation()
    {
        var person = await Factory.SignUpPersonAsync();
        var offer = await Factory.SeedOfferAsync(person.OrganizationId, "Coffee Club", "club-bump");
        await SeedPricedProductAsync(person.OrganizationId, "Mug", "usd", 900);
        await OpenAsync(person, offer.PublicId);
        Type("slot-key", "mug");
        Type("slot-name", "Mug");
        Select("Default price", "Mug ·");
        await Editor.Find("[data-testid=slot-form]").SubmitAsync();
        WaitForSnackbar("Slot Mug added.");

        Editor.Find("[data-testid=edit-mug]").Click();
        Editor.WaitForAssertion(() => Assert.Equal("Edit slot Mug", Editor.Find("[data-testid=slot-form-title]").TextContent.Trim()));
        Editor.Choose("[data-testid=slot-kind-choice]", "Optional");
        await Editor.Find("[data-testid=slot-form]").SubmitAsync();

        WaitForSnackbar("Slot saved.");
        Assert.Empty(Dialogs.FindAll("button"));
        Editor.WaitForAssertion(() => Assert.Equal("Order bump", Editor.Find("[data-testid=slot-kind]").TextContent.Trim()));
        Assert.False(Assert.Single((await StoredAsync(offer.Id)).Slots).Required);
    }
}

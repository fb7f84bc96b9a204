using Numi.Core.Common;
using Numi.Core.Offers;

namespace Numi.Core.Tests.Offers;

public sealed class OfferTests
{
    private static readonly DateTime Created = new(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Later = Created.AddHours(1);

    private static Offer NewOffer() => Offer.Create("  Coffee club ", "coffee-club", "  ", "usd", Created);

    /// <summary>A slot as CreateOfferHandler builds one (OfferSlot.Create and Set are internal, visible to these tests).</summary>
    private static OfferSlot AddSlot(Offer offer, string key, bool required)
    {
        var slot = OfferSlot.Create(offer.Id, offer.OrganizationId);
        slot.Set(new SlotFields(key, key, Guid.CreateVersion7(), Required: required), offer.Slots.Count);
        offer.Slots.Add(slot);
        return slot;
    }

    [Fact]
    public void Create_trims_and_starts_as_a_draft()
    {
        var offer = NewOffer();
        Assert.Equal("Coffee club", offer.Name);
        Assert.Null(offer.Description);
        Assert.Equal(OfferStatus.Draft, offer.Status);
        Assert.Null(offer.PublishedAt);
        Assert.Empty(offer.Slots);
    }

    [Fact]
    public void Publishing_without_slots_is_a_conflict_on_status()
    {
        var offer = NewOffer();

        var result = offer.ChangeStatus(OfferStatus.Published, Later);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCodes.StateConflict, error.Code);
        Assert.Equal("status", error.Param);
        Assert.Equal(OfferStatus.Draft, offer.Status);
        Assert.Null(offer.PublishedAt);
        Assert.Equal(Created, offer.UpdatedAt);
    }

    [Fact]
    public void Publishing_with_only_optional_slots_is_a_conflict()
    {
        var offer = NewOffer();
        AddSlot(offer, "grinder", required: false);

        var result = offer.ChangeStatus(OfferStatus.Published, Later);

        Assert.Equal(ErrorCodes.StateConflict, result.FirstError.Code);
        Assert.Equal(OfferStatus.Draft, offer.Status);
    }

    [Fact]
    public void Publishing_with_a_required_slot_records_the_first_publication()
    {
        var offer = NewOffer();
        AddSlot(offer, "coffee", required: true);

        Assert.True(offer.ChangeStatus(OfferStatus.Published, Later).Succeeded);
        Assert.Equal(OfferStatus.Published, offer.Status);
        Assert.Equal(Later, offer.PublishedAt);
        Assert.Equal(Later, offer.UpdatedAt);

        Assert.True(offer.ChangeStatus(OfferStatus.Draft, Later.AddHours(1)).Succeeded);
        Assert.True(offer.ChangeStatus(OfferStatus.Published, Later.AddHours(2)).Succeeded);
        Assert.Equal(Later, offer.PublishedAt);
    }

    [Fact]
    public void Archiving_or_staying_a_draft_needs_no_slots()
    {
        var offer = NewOffer();
        Assert.True(offer.ChangeStatus(OfferStatus.Draft, Later).Succeeded);
        Assert.Equal(Created, offer.UpdatedAt);
        Assert.True(offer.ChangeStatus(OfferStatus.Archived, Later).Succeeded);
        Assert.Equal(OfferStatus.Archived, offer.Status);
        Assert.False(offer.ChangeStatus(OfferStatus.Published, Later).Succeeded);
    }

    [Fact]
    public void The_currency_changes_while_the_offer_has_no_slots()
    {
        var offer = NewOffer();

        Assert.True(offer.ChangeCurrency("eur", Later).Succeeded);
        Assert.Equal("eur", offer.Currency);
        Assert.Equal(Later, offer.UpdatedAt);
    }

    [Fact]
    public void The_currency_cannot_change_once_a_slot_holds_a_price()
    {
        var offer = NewOffer();
        AddSlot(offer, "coffee", required: true);

        var result = offer.ChangeCurrency("eur", Later);

        Assert.False(result.Succeeded);
        Assert.Equal(ErrorCodes.ParameterInvalid, result.FirstError.Code);
        Assert.Equal("currency", result.FirstError.Param);
        Assert.Contains("USD", result.FirstError.Message);
        Assert.Equal("usd", offer.Currency);
        Assert.Equal(Created, offer.UpdatedAt);
    }

    [Fact]
    public void Keeping_the_same_currency_is_fine_even_with_slots()
    {
        var offer = NewOffer();
        AddSlot(offer, "coffee", required: true);

        Assert.True(offer.ChangeCurrency("usd", Later).Succeeded);
        Assert.Equal(Created, offer.UpdatedAt);
    }

    [Fact]
    public void A_slot_takes_its_fields_and_lists_its_default_price_first()
    {
        var offer = NewOffer();
        var defaultPrice = Guid.CreateVersion7();
        var other = Guid.CreateVersion7();
        var slot = OfferSlot.Create(offer.Id, offer.OrganizationId);

        slot.Set(new SlotFields(" coffee ", " Coffee ", defaultPrice, Required: false, Options: [new(other, "3 bags"), new(defaultPrice, "1 bag"), new(other)]), 2);

        Assert.Equal("coffee", slot.Key);
        Assert.Equal("Coffee", slot.Name);
        Assert.True(slot.IsOrderBump);
        Assert.Equal(0, slot.QuantityMin);
        Assert.Equal(1, slot.QuantityDefault);
        Assert.Equal(2, slot.SortOrder);
        Assert.Equal([(defaultPrice, "1 bag"), (other, "3 bags")], slot.OrderedOptions.Select(o => (o.PriceId, o.Label)));
    }
}

using Numi.Core.Common;

namespace Numi.Core.Offers;

/// <summary>A reusable sales presentation: prices arranged in slots, with the look and the questions of its checkout.</summary>
public sealed class Offer : IOrganizationOwned, ICreatedInOrder
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public string? Description { get; private set; }
    public OfferStatus Status { get; private set; }
    /// <summary>Every price in the offer is in this currency.</summary>
    public string Currency { get; private set; } = "usd";
    public OfferDesign Design { get; private set; } = OfferDesign.Default;
    public OfferPaymentSettings Payment { get; private set; } = OfferPaymentSettings.Default;
    public List<OfferSlot> Slots { get; private set; } = [];
    /// <summary>Offered after payment as a one-click upsell, charged to the payment method just used.</summary>
    public Guid? UpsellOfferId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? PublishedAt { get; private set; }

    private Offer() { }

    public string PublicId => Common.PublicId.Format(IdPrefixes.Offer, Id);

    public static Offer Create(string name, string slug, string? description, string currency, DateTime now) => new()
    {
        Name = name.Trim(),
        Slug = Organizations.Slug.Normalize(slug),
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
        Currency = currency,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public IEnumerable<OfferSlot> OrderedSlots => Slots.OrderBy(s => s.SortOrder).ThenBy(s => s.Key, StringComparer.Ordinal);

    public void Update(string name, string slug, string? description, DateTime now)
    {
        Name = name.Trim();
        Slug = Organizations.Slug.Normalize(slug);
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        UpdatedAt = now;
    }

    /// <summary>The currency can change only while no slot holds a price (prices have one currency).</summary>
    public Result<Offer> ChangeCurrency(string currency, DateTime now)
    {
        if (currency == Currency) return this;
        if (Slots.Count > 0) return Error.Invalid("currency", "Remove the slots before changing the offer's currency: their prices are in " + Currency.ToUpperInvariant() + ".");
        Currency = currency;
        UpdatedAt = now;
        return this;
    }

    public void ChangeDesign(OfferDesign design, DateTime now)
    {
        Design = design;
        UpdatedAt = now;
    }

    public void ChangePayment(OfferPaymentSettings payment, DateTime now)
    {
        Payment = payment;
        UpdatedAt = now;
    }

    /// <summary>Moves the offer to <paramref name="status"/>. Publishing needs something to sell: at least one
    /// required slot.</summary>
    public Result<Offer> ChangeStatus(OfferStatus status, DateTime now)
    {
        if (status == Status) return this;
        if (status == OfferStatus.Published && !Slots.Any(s => s.Required))
            return Error.Conflict("Add at least one required slot with a price before publishing.", "status");
        Status = status;
        if (status == OfferStatus.Published) PublishedAt ??= now;
        UpdatedAt = now;
        return this;
    }

    /// <summary>A new slot at the end of the offer. The slot's prices are checked by the caller (they need the database).</summary>
    public OfferSlot AddSlot(SlotFields fields)
    {
        var slot = OfferSlot.Create(Id, OrganizationId);
        slot.Set(fields, Slots.Count == 0 ? 0 : Slots.Max(s => s.SortOrder) + 1);
        Slots.Add(slot);
        return slot;
    }

    /// <summary>The editors' version of the offer: a change made from an older one is refused. Whole microseconds,
    /// because PostgreSQL keeps no finer time than that.</summary>
    public long Version => UpdatedAt.Ticks / TicksPerMicrosecond;

    /// <summary>A change of the slots. The time always moves forward, by a microsecond at least, so two changes within
    /// one tick of the clock (or under a stopped test clock) still give two versions.</summary>
    public void Touch(DateTime now) =>
        UpdatedAt = now.Ticks / TicksPerMicrosecond > Version ? now : new DateTime((Version + 1) * TicksPerMicrosecond, DateTimeKind.Utc);

    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    public void SetUpsell(Guid? offerId, DateTime now)
    {
        UpsellOfferId = offerId;
        UpdatedAt = now;
    }
}

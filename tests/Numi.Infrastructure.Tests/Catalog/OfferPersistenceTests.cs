using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Offers;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Catalog;

/// <summary>Offers, their slots and their JSON columns through the Core handlers, read back from a fresh context
/// on both providers.</summary>
public sealed class OfferPersistenceTests
{
    private static readonly DateTime Now = TwoOrganizations.Now;

    private static FakeTimeProvider Clock() => SeededCatalog.Clock();

    private static Task<TwoOrganizations> MigratedAsync(TestDatabase database) => SeededCatalog.MigratedAsync(database);

    /// <summary>An active product of the organization with one per-unit price in <paramref name="currency"/>.</summary>
    private static async Task<Price> AddPriceAsync(TestDatabase database, Guid organizationId, string currency, long amount)
    {
        await using var db = database.CreateContext(new TestTenant(organizationId));
        var product = Product.Create(organizationId, $"Product {currency} {amount}", null, Now);
        var price = Price.Create(product.Id, currency, PriceSchedule.OneTime, PricingModel.PerUnit(amount), PriceScope.List, null, null, Now);
        db.Products.Add(product);
        db.Prices.Add(price);
        await db.SaveChangesAsync();
        return price;
    }

    private static async Task<Result<Offer>> CreateOfferAsync(TestDatabase database, Guid organizationId, CreateOffer command)
    {
        var tenant = new TestTenant(organizationId);
        await using var db = database.CreateContext(tenant);
        return await new CreateOfferHandler(db, tenant, new CreateOfferValidator(), Clock()).HandleAsync(command, default);
    }

    private static async Task<Offer> CreatedOfferAsync(TestDatabase database, Guid organizationId, CreateOffer command)
    {
        var result = await CreateOfferAsync(database, organizationId, command);
        Assert.True(result.Succeeded, result.Succeeded ? "" : $"{result.FirstError.Param}: {result.FirstError.Message}");
        return result.Value;
    }

    private static async Task<Result<OfferSlot>> SaveSlotAsync(TestDatabase database, Guid organizationId, SaveOfferSlot command)
    {
        await using var db = database.CreateContext(new TestTenant(organizationId));
        return await new SaveOfferSlotHandler(db, new SlotFieldsValidator(), Clock()).HandleAsync(command, default);
    }

    private static async Task<Result<Offer>> ChangeStatusAsync(TestDatabase database, Guid organizationId, Guid offerId, OfferStatus status)
    {
        await using var db = database.CreateContext(new TestTenant(organizationId));
        return await new ChangeOfferStatusHandler(db, Clock()).HandleAsync(new ChangeOfferStatus(offerId, status), default);
    }

    private static async Task<Offer?> LoadAsync(TestDatabase database, Guid organizationId, Guid offerId)
    {
        await using var db = database.CreateContext(new TestTenant(organizationId));
        return await OfferQueries.LoadAsync(db, offerId, default);
    }

    // ---------------------------------------------------------------- JSON columns

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Design_and_payment_settings_round_trip_through_their_json_columns_unchanged(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);
        var price = await AddPriceAsync(database, seeded.A.Id, "usd", 1_800);

        var design = new OfferDesign
        {
            BrandColor = "#0f172a",
            AccentColor = "#F97316",
            Font = "serif",
            LogoUrl = "https://cdn.example.com/brand/logo.png?v=2",
            Headline = "Fresh coffee, every month",
            Subheadline = "Roasted to order — shipped within 48 h",
            Bullets = ["Single-origin beans", "Free shipping über 30 €", "Cancel \"any time\", no questions", "☕ & 🍪 <b>not html</b>"],
            TestimonialQuote = "Best coffee I've had.\nTruly.",
            TestimonialAuthor = "Ana P.",
            GuaranteeText = "30-day money-back guarantee",
            ButtonLabel = "Start my subscription",
        };
        var payment = new OfferPaymentSettings
        {
            CollectPhone = true,
            CollectBillingAddress = false,
            CollectShippingAddress = true,
            CustomFields =
            [
                new CustomField("vat_number", "VAT number", CustomFieldType.Text, Required: true),
                new CustomField("team_size", "Team size", CustomFieldType.Number),
                new CustomField("is_gift", "This is a gift", CustomFieldType.Checkbox),
                new CustomField("start_date", "Start on", CustomFieldType.Date, Required: true),
            ],
        };
        var offer = await CreatedOfferAsync(database, seeded.A.Id, new CreateOffer("Coffee club", "coffee-club", "Monthly beans", "usd",
            Slots: [new SlotFields("main", "Coffee", price.Id)], Design: design, PaymentSettings: payment));

        var stored = await LoadAsync(database, seeded.A.Id, offer.Id);
        Assert.NotNull(stored);
        AssertSameDesign(design, stored.Design);
        AssertSamePayment(payment, stored.Payment);

        // A changed design is saved too (the column's value comparer sees the change), and the payment settings stay.
        var redesigned = design with { Font = "mono", Bullets = ["Only one bullet now"], LogoUrl = null };
        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            var result = await new UpdateOfferSettingsHandler(db, new UpdateOfferSettingsValidator(), Clock())
                .HandleAsync(new UpdateOfferSettings(offer.Id, Design: redesigned), default);
            Assert.True(result.Succeeded);
        }
        stored = await LoadAsync(database, seeded.A.Id, offer.Id);
        Assert.NotNull(stored);
        AssertSameDesign(redesigned, stored.Design);
        AssertSamePayment(payment, stored.Payment);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_offer_without_design_or_payment_settings_reads_back_the_defaults(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);
        var offer = await CreatedOfferAsync(database, seeded.A.Id, new CreateOffer("Plain", "plain-offer", null, "usd"));

        var stored = await LoadAsync(database, seeded.A.Id, offer.Id);
        Assert.NotNull(stored);
        AssertSameDesign(OfferDesign.Default, stored.Design);
        AssertSamePayment(OfferPaymentSettings.Default, stored.Payment);
    }

    /// <summary>Records compare lists by reference, so the lists are compared item by item and then lent to the
    /// expected value to compare every other member.</summary>
    private static void AssertSameDesign(OfferDesign expected, OfferDesign actual)
    {
        Assert.Equal(expected.Bullets, actual.Bullets);
        Assert.Equal(expected with { Bullets = actual.Bullets }, actual);
    }

    private static void AssertSamePayment(OfferPaymentSettings expected, OfferPaymentSettings actual)
    {
        Assert.Equal(expected.CustomFields, actual.CustomFields);
        Assert.Equal(expected with { CustomFields = actual.CustomFields }, actual);
    }

    // ---------------------------------------------------------------- uniqueness

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_offer_slug_is_unique_within_an_organization_but_another_organization_may_reuse_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);
        var first = await CreatedOfferAsync(database, seeded.A.Id, new CreateOffer("Coffee club", "coffee-club", null, "usd"));

        var second = await CreateOfferAsync(database, seeded.A.Id, new CreateOffer("Another club", "coffee-club", null, "usd"));
        Assert.False(second.Succeeded);
        Assert.Equal("slug", second.FirstError.Param);
        Assert.Equal(ErrorCodes.ParameterInvalid, second.FirstError.Code);

        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
            Assert.Equal([first.Id], await db.Offers.Where(o => o.Slug == "coffee-club").Select(o => o.Id).ToListAsync());

        await CreatedOfferAsync(database, seeded.B.Id, new CreateOffer("Coffee club", "coffee-club", null, "usd"));
        await using (var db = database.CreateContext())
            Assert.Equal(2, await db.Offers.IgnoreQueryFilters().CountAsync(o => o.Slug == "coffee-club"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Saving_a_slot_with_a_key_the_offer_already_uses_is_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);
        var price = await AddPriceAsync(database, seeded.A.Id, "usd", 1_000);
        var other = await AddPriceAsync(database, seeded.A.Id, "usd", 2_000);
        var offer = await CreatedOfferAsync(database, seeded.A.Id, new CreateOffer("Coffee club", "coffee-club", null, "usd",
            Slots: [new SlotFields("main", "Coffee", price.Id), new SlotFields("grinder", "Grinder", other.Id, Required: false)]));

        // A new slot with a taken key.
        var added = await SaveSlotAsync(database, seeded.A.Id,
            new SaveOfferSlot(offer.Id, null, new SlotFields("main", "Second coffee", other.Id)));
        Assert.False(added.Succeeded);
        Assert.Equal("key", added.FirstError.Param);
        Assert.Equal(ErrorCodes.ParameterInvalid, added.FirstError.Code);

        // An existing slot renamed to another slot's key.
        var grinderId = offer.Slots.Single(s => s.Key == "grinder").Id;
        var renamed = await SaveSlotAsync(database, seeded.A.Id,
            new SaveOfferSlot(offer.Id, grinderId, new SlotFields("main", "Grinder", other.Id, Required: false)));
        Assert.False(renamed.Succeeded);
        Assert.Equal("key", renamed.FirstError.Param);

        var stored = await LoadAsync(database, seeded.A.Id, offer.Id);
        Assert.NotNull(stored);
        Assert.Equal(["main", "grinder"], stored.OrderedSlots.Select(s => s.Key));
        Assert.Equal("Coffee", stored.Slots.Single(s => s.Key == "main").Name);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_offer_and_key_index_refuses_a_duplicate_slot_inserted_without_the_handler(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);
        var price = await AddPriceAsync(database, seeded.A.Id, "usd", 1_000);
        var offer = await CreatedOfferAsync(database, seeded.A.Id, new CreateOffer("Coffee club", "coffee-club", null, "usd",
            Slots: [new SlotFields("main", "Coffee", price.Id)]));

        async Task AddSlotDirectlyAsync(string key)
        {
            await using var db = database.CreateContext(new TestTenant(seeded.A.Id));
            var tracked = await db.Offers.SingleAsync(o => o.Id == offer.Id);
            db.OfferSlots.Add(tracked.AddSlot(new SlotFields(key, "Direct " + key, price.Id)));
            await db.SaveChangesAsync();
        }

        await AddSlotDirectlyAsync("extra"); // a new key is fine: the insert itself works
        await Assert.ThrowsAsync<DbUpdateException>(() => AddSlotDirectlyAsync("main"));

        await using var read = database.CreateContext(new TestTenant(seeded.A.Id));
        Assert.Equal(["extra", "main"], (await read.OfferSlots.Where(s => s.OfferId == offer.Id).Select(s => s.Key).ToListAsync()).Order());
        // The same key in another offer of the organization is fine: the seeded offer has a "main" slot too.
        Assert.True(await read.OfferSlots.AnyAsync(s => s.OfferId == seeded.A.Offer.Id && s.Key == "main"));
    }

    // ---------------------------------------------------------------- slots through SaveOfferSlot
    // A slot or option added to an offer loaded from the database carries its own (client-made) id; it must be
    // inserted, not taken for an existing row to update.

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Saving_a_new_slot_adds_it_to_an_existing_offer(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);
        var coffee = await AddPriceAsync(database, seeded.A.Id, "usd", 1_000);
        var grinder = await AddPriceAsync(database, seeded.A.Id, "usd", 4_900);
        var grinderPro = await AddPriceAsync(database, seeded.A.Id, "usd", 8_900);
        var offer = await CreatedOfferAsync(database, seeded.A.Id, new CreateOffer("Coffee club", "coffee-club", null, "usd",
            Slots: [new SlotFields("main", "Coffee", coffee.Id)]));

        var saved = await SaveSlotAsync(database, seeded.A.Id, new SaveOfferSlot(offer.Id, null,
            new SlotFields("grinder", "Grinder", grinder.Id, Required: false, MaxQuantity: 2,
                Options: [new(grinder.Id, "Basic"), new(grinderPro.Id, "Pro")])));
        Assert.True(saved.Succeeded, saved.Succeeded ? "" : $"{saved.FirstError.Param}: {saved.FirstError.Message}");

        var stored = await LoadAsync(database, seeded.A.Id, offer.Id);
        Assert.NotNull(stored);
        Assert.Equal(["main", "grinder"], stored.OrderedSlots.Select(s => s.Key));
        var slot = stored.Slots.Single(s => s.Key == "grinder");
        Assert.Equal(saved.Value.Id, slot.Id);
        Assert.False(slot.Required);
        Assert.Equal(1, slot.SortOrder);
        Assert.Equal(grinder.Id, slot.DefaultPriceId);
        Assert.Equal(2, slot.QuantityMax);
        Assert.Equal(seeded.A.Id, slot.OrganizationId);
        Assert.Equal([(grinder.Id, "Basic"), (grinderPro.Id, "Pro")], slot.OrderedOptions.Select(o => (o.PriceId, o.Label)));
        Assert.All(slot.Options, o => Assert.Equal(seeded.A.Id, o.OrganizationId));
        // The clock has not moved since the offer was made: the change still gets a later version, one microsecond on.
        Assert.Equal(Clock().Now.AddTicks(TimeSpan.TicksPerMicrosecond), stored.UpdatedAt);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Saving_an_existing_slot_with_an_extra_option_stores_the_option(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);
        var oneBag = await AddPriceAsync(database, seeded.A.Id, "usd", 1_000);
        var threeBags = await AddPriceAsync(database, seeded.A.Id, "usd", 2_700);
        var offer = await CreatedOfferAsync(database, seeded.A.Id, new CreateOffer("Coffee club", "coffee-club", null, "usd",
            Slots: [new SlotFields("main", "Coffee", oneBag.Id)]));
        var slotId = offer.Slots.Single().Id;

        var saved = await SaveSlotAsync(database, seeded.A.Id, new SaveOfferSlot(offer.Id, slotId,
            new SlotFields("main", "Coffee beans", oneBag.Id, Options: [new(oneBag.Id, "1 bag"), new(threeBags.Id, "3 bags")])));
        Assert.True(saved.Succeeded, saved.Succeeded ? "" : $"{saved.FirstError.Param}: {saved.FirstError.Message}");

        var stored = await LoadAsync(database, seeded.A.Id, offer.Id);
        Assert.NotNull(stored);
        var slot = Assert.Single(stored.Slots);
        Assert.Equal("Coffee beans", slot.Name);
        Assert.Equal([(oneBag.Id, "1 bag"), (threeBags.Id, "3 bags")], slot.OrderedOptions.Select(o => (o.PriceId, o.Label)));
    }

    // ---------------------------------------------------------------- currencies

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Creating_an_offer_with_a_slot_priced_in_another_currency_is_refused_and_saves_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);
        var euros = await AddPriceAsync(database, seeded.A.Id, "eur", 1_000);

        var result = await CreateOfferAsync(database, seeded.A.Id, new CreateOffer("Coffee club", "coffee-club", null, "usd",
            Slots: [new SlotFields("main", "Coffee", euros.Id)]));
        Assert.False(result.Succeeded);
        Assert.Equal("slots[0].price", result.FirstError.Param);
        Assert.Equal(ErrorCodes.ParameterInvalid, result.FirstError.Code);

        await using var db = database.CreateContext(new TestTenant(seeded.A.Id));
        Assert.False(await db.Offers.AnyAsync(o => o.Slug == "coffee-club"));
        Assert.False(await db.OfferSlots.AnyAsync(s => s.DefaultPriceId == euros.Id));
        Assert.Equal([seeded.A.Offer.Id], await db.Offers.Select(o => o.Id).ToListAsync());
    }

    // ---------------------------------------------------------------- publishing

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_offer_without_a_required_slot_cannot_be_published(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);
        var price = await AddPriceAsync(database, seeded.A.Id, "usd", 1_000);
        var empty = await CreatedOfferAsync(database, seeded.A.Id, new CreateOffer("Empty", "empty-offer", null, "usd"));
        var bumpOnly = await CreatedOfferAsync(database, seeded.A.Id, new CreateOffer("Bump only", "bump-only", null, "usd",
            Slots: [new SlotFields("bump", "Bump", price.Id, Required: false)]));

        foreach (var offer in new[] { empty, bumpOnly })
        {
            var result = await ChangeStatusAsync(database, seeded.A.Id, offer.Id, OfferStatus.Published);
            Assert.False(result.Succeeded);
            Assert.Equal(ErrorCodes.StateConflict, result.FirstError.Code);

            var stored = await LoadAsync(database, seeded.A.Id, offer.Id);
            Assert.NotNull(stored);
            Assert.Equal(OfferStatus.Draft, stored.Status);
            Assert.Null(stored.PublishedAt);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_offer_with_a_required_slot_is_published_with_its_publication_time(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);
        var price = await AddPriceAsync(database, seeded.A.Id, "usd", 1_000);
        var offer = await CreatedOfferAsync(database, seeded.A.Id, new CreateOffer("Coffee club", "coffee-club", null, "usd",
            Slots: [new SlotFields("main", "Coffee", price.Id)]));
        Assert.Equal(OfferStatus.Draft, offer.Status);

        var result = await ChangeStatusAsync(database, seeded.A.Id, offer.Id, OfferStatus.Published);
        Assert.True(result.Succeeded, result.Succeeded ? "" : result.FirstError.Message);

        var stored = await LoadAsync(database, seeded.A.Id, offer.Id);
        Assert.NotNull(stored);
        Assert.Equal(OfferStatus.Published, stored.Status);
        Assert.Equal(Clock().Now, stored.PublishedAt);
        Assert.Equal(DateTimeKind.Utc, stored.PublishedAt!.Value.Kind);
    }

    // ---------------------------------------------------------------- tenancy

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Another_organizations_offer_is_invisible_and_cannot_be_changed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);
        var price = await AddPriceAsync(database, seeded.A.Id, "usd", 1_000);
        var offer = await CreatedOfferAsync(database, seeded.A.Id, new CreateOffer("Coffee club", "coffee-club", null, "usd",
            Slots: [new SlotFields("main", "Coffee", price.Id)]));

        Assert.Null(await LoadAsync(database, seeded.B.Id, offer.Id));
        Assert.Null(await LoadAsync(database, seeded.B.Id, seeded.A.Offer.Id));
        await using (var db = database.CreateContext(new TestTenant(seeded.B.Id)))
        {
            Assert.False(await db.OfferSlots.AnyAsync(s => s.OfferId == offer.Id));
            Assert.False(await db.OfferSlotOptions.AnyAsync(o => o.PriceId == price.Id));
        }

        var published = await ChangeStatusAsync(database, seeded.B.Id, offer.Id, OfferStatus.Published);
        Assert.False(published.Succeeded);
        Assert.Equal(ErrorCodes.ResourceMissing, published.FirstError.Code);

        var own = await LoadAsync(database, seeded.A.Id, offer.Id);
        Assert.NotNull(own);
        Assert.Equal(OfferStatus.Draft, own.Status);
        Assert.Equal(["main"], own.Slots.Select(s => s.Key));
        Assert.Single(own.Slots[0].Options);
    }
}

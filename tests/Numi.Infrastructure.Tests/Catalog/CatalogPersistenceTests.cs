using Microsoft.EntityFrameworkCore;
using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Offers;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using Numi.Tests.Support;

namespace Numi.Infrastructure.Tests.Catalog;

/// <summary>Products, prices and product images through the Core handlers, read back from a fresh context on
/// both providers.</summary>
public sealed class CatalogPersistenceTests
{
    private static readonly DateTime Now = TwoOrganizations.Now;

    private static FakeTimeProvider Clock() => SeededCatalog.Clock();

    private static Task<TwoOrganizations> MigratedAsync(TestDatabase database) => SeededCatalog.MigratedAsync(database);

    private static CreatePrice PerUnit(Guid productId, string currency, long amount, PriceScope? scope = null, Guid? parent = null) =>
        new(productId, currency, PriceType.OneTime, null, null, null, BillingScheme.PerUnit, amount, null, null, null, scope, parent);

    private static async Task<Product> AddProductAsync(TestDatabase database, Guid organizationId, string name)
    {
        await using var db = database.CreateContext(new TestTenant(organizationId));
        var product = Product.Create(organizationId, name, null, Now);
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return product;
    }

    private static async Task<Price> CreatePriceAsync(TestDatabase database, Guid organizationId, CreatePrice command)
    {
        await using var db = database.CreateContext(new TestTenant(organizationId));
        var result = await new CreatePriceHandler(db, new CreatePriceValidator(), Clock()).HandleAsync(command, default);
        Assert.True(result.Succeeded, result.Succeeded ? "" : $"{result.FirstError.Param}: {result.FirstError.Message}");
        return result.Value;
    }

    // ---------------------------------------------------------------- prices

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_graduated_tiered_price_keeps_every_tier_field_and_quotes_the_same_after_a_round_trip(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);
        var product = await AddProductAsync(database, seeded.A.Id, "Seats");

        TierInput[] tiers =
        [
            new(UpTo: 10, UnitAmount: 500, FlatAmount: 1000),
            new(UpTo: 50, UnitAmount: 400, FlatAmount: null),
            new(UpTo: null, UnitAmount: 300, FlatAmount: 2500),
        ];
        var created = await CreatePriceAsync(database, seeded.A.Id, new CreatePrice(product.Id, "USD", PriceType.Recurring,
            PriceInterval.Month, 3, 12, BillingScheme.Tiered, null, null, TiersMode.Graduated, tiers, Nickname: "Team seats"));

        await using var db = database.CreateContext(new TestTenant(seeded.A.Id));
        var stored = await db.Prices.AsNoTracking().SingleAsync(p => p.Id == created.Id);

        Assert.Equal(
            [new PriceTier(10, 500, 1000), new PriceTier(50, 400, null), new PriceTier(null, 300, 2500)],
            stored.Tiers);
        Assert.Equal(BillingScheme.Tiered, stored.BillingScheme);
        Assert.Equal(TiersMode.Graduated, stored.TiersMode);
        Assert.Null(stored.UnitAmount);
        Assert.Null(stored.PackageSize);
        Assert.Equal("usd", stored.Currency);
        Assert.Equal(PriceType.Recurring, stored.Type);
        Assert.Equal(PriceInterval.Month, stored.Interval);
        Assert.Equal(3, stored.IntervalCount);
        Assert.Equal(12, stored.CancelAfterCycles);
        Assert.Equal(PriceScope.List, stored.Scope);
        Assert.Equal("Team seats", stored.Nickname);
        Assert.Equal(seeded.A.Id, stored.OrganizationId);
        Assert.True(stored.Active);

        // 10 × 5.00 + 10.00 flat, 40 × 4.00, 10 × 3.00 + 25.00 flat.
        var quote = PriceCalculator.Quote(stored, 60);
        Assert.True(quote.Succeeded);
        Assert.Equal(6_000 + 16_000 + 5_500, quote.Value.Amount);
        Assert.Equal([6_000L, 16_000L, 5_500L], quote.Value.Lines.Select(l => l.Amount));
        Assert.Equal([1L, 11L, 51L], quote.Value.Lines.Select(l => l.From!.Value));
        Assert.Equal(3_500, PriceCalculator.Quote(stored, 5).Value.Amount);
        Assert.Equal(quote.Value.Amount, PriceCalculator.Quote(created, 60).Value.Amount);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_custom_price_in_another_currency_than_its_parent_list_price_is_refused_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);
        var product = await AddProductAsync(database, seeded.A.Id, "Consulting");
        var list = await CreatePriceAsync(database, seeded.A.Id, PerUnit(product.Id, "usd", 10_000));

        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            var result = await new CreatePriceHandler(db, new CreatePriceValidator(), Clock())
                .HandleAsync(PerUnit(product.Id, "eur", 9_000, PriceScope.Custom, list.Id), default);
            Assert.False(result.Succeeded);
            Assert.Equal("parent_list_price", result.FirstError.Param);
            Assert.Equal(ErrorCodes.ParameterInvalid, result.FirstError.Code);
        }

        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            var prices = await db.Prices.AsNoTracking().Where(p => p.ProductId == product.Id).ToListAsync();
            Assert.Equal([list.Id], prices.Select(p => p.Id));
        }

        // The same override in the parent's currency is accepted and keeps its parent.
        var custom = await CreatePriceAsync(database, seeded.A.Id, PerUnit(product.Id, "usd", 9_000, PriceScope.Custom, list.Id));
        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            var stored = await db.Prices.AsNoTracking().SingleAsync(p => p.Id == custom.Id);
            Assert.Equal(PriceScope.Custom, stored.Scope);
            Assert.Equal(list.Id, stored.ParentPriceId);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Replacing_a_prices_amounts_archives_it_and_repoints_slot_defaults_and_options_to_the_new_price(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);
        var product = await AddProductAsync(database, seeded.A.Id, "Coffee");
        var bag = await CreatePriceAsync(database, seeded.A.Id, PerUnit(product.Id, "usd", 1_000));
        var box = await CreatePriceAsync(database, seeded.A.Id, PerUnit(product.Id, "usd", 2_500));

        Guid offerId;
        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            var created = await new CreateOfferHandler(db, new TestTenant(seeded.A.Id), new CreateOfferValidator(), Clock()).HandleAsync(
                new CreateOffer("Coffee club", "coffee-club", null, "usd", Slots:
                [
                    new SlotFields("main", "Coffee", bag.Id),
                    new SlotFields("bump", "Extra", box.Id, Required: false, Options: [new(box.Id), new(bag.Id, "One bag")]),
                ]), default);
            Assert.True(created.Succeeded);
            offerId = created.Value.Id;
        }

        Guid replacementId;
        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            var replaced = await new ReplacePriceAmountsHandler(db, new ReplacePriceAmountsValidator(), Clock()).HandleAsync(
                new ReplacePriceAmounts(bag.Id, BillingScheme.Package, null, new PackageInput(10, 4_500), null, null), default);
            Assert.True(replaced.Succeeded, replaced.Succeeded ? "" : replaced.FirstError.Message);
            replacementId = replaced.Value.Id;
        }
        Assert.NotEqual(bag.Id, replacementId);

        await using var read = database.CreateContext(new TestTenant(seeded.A.Id));
        var replacement = await read.Prices.AsNoTracking().SingleAsync(p => p.Id == replacementId);
        Assert.True(replacement.Active);
        Assert.Equal(product.Id, replacement.ProductId);
        Assert.Equal("usd", replacement.Currency);
        Assert.Equal(BillingScheme.Package, replacement.BillingScheme);
        Assert.Equal(10, replacement.PackageSize);
        Assert.Equal(4_500, replacement.UnitAmount);
        Assert.Null(replacement.ReplacedByPriceId);

        var old = await read.Prices.AsNoTracking().SingleAsync(p => p.Id == bag.Id);
        Assert.False(old.Active);
        Assert.Equal(replacementId, old.ReplacedByPriceId);
        Assert.Equal(Clock().Now, old.ArchivedAt);
        Assert.Equal(BillingScheme.PerUnit, old.BillingScheme);
        Assert.Equal(1_000, old.UnitAmount);

        var offer = await OfferQueries.LoadAsync(read, offerId, default);
        Assert.NotNull(offer);
        var main = offer.Slots.Single(s => s.Key == "main");
        Assert.Equal(replacementId, main.DefaultPriceId);
        Assert.Equal([replacementId], main.OrderedOptions.Select(o => o.PriceId));
        var bump = offer.Slots.Single(s => s.Key == "bump");
        Assert.Equal(box.Id, bump.DefaultPriceId);
        Assert.Equal([box.Id, replacementId], bump.OrderedOptions.Select(o => o.PriceId));
        Assert.Equal("One bag", bump.Options.Single(o => o.PriceId == replacementId).Label);

        Assert.False(await read.OfferSlots.AnyAsync(s => s.DefaultPriceId == bag.Id));
        Assert.False(await read.OfferSlotOptions.AnyAsync(o => o.PriceId == bag.Id));
        Assert.Equal(3, await read.Prices.CountAsync(p => p.ProductId == product.Id));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_price_a_live_offer_sells_cannot_be_archived_until_the_offer_is_archived(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);
        // The seeded draft offer of A sells the seeded price of A in its "main" slot.
        var priceId = seeded.A.Price.Id;

        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            var result = await new SetPriceArchivedHandler(db, Clock()).HandleAsync(new SetPriceArchived(priceId, true), default);
            Assert.False(result.Succeeded);
            Assert.Equal(ErrorCodes.StateConflict, result.FirstError.Code);
            Assert.Contains(seeded.A.Offer.Name, result.FirstError.Message);
        }
        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            var price = await db.Prices.AsNoTracking().SingleAsync(p => p.Id == priceId);
            Assert.True(price.Active);
            Assert.Null(price.ArchivedAt);
        }

        // Once the offer is archived nothing sells the price, and it can be archived.
        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            var archived = await new ChangeOfferStatusHandler(db, Clock())
                .HandleAsync(new ChangeOfferStatus(seeded.A.Offer.Id, OfferStatus.Archived), default);
            Assert.True(archived.Succeeded);
        }
        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            var result = await new SetPriceArchivedHandler(db, Clock()).HandleAsync(new SetPriceArchived(priceId, true), default);
            Assert.True(result.Succeeded, result.Succeeded ? "" : result.FirstError.Message);
        }
        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            var price = await db.Prices.AsNoTracking().SingleAsync(p => p.Id == priceId);
            Assert.False(price.Active);
            Assert.Equal(Clock().Now, price.ArchivedAt);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_replacements_of_one_price_read_at_the_same_time_cannot_both_win(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);
        var priceId = seeded.A.Price.Id;
        var tenant = new TestTenant(seeded.A.Id);
        await using var first = database.CreateContext(tenant);
        await using var second = database.CreateContext(tenant);
        var firstHandler = new ReplacePriceAmountsHandler(first, new ReplacePriceAmountsValidator(), Clock());
        var secondHandler = new ReplacePriceAmountsHandler(second, new ReplacePriceAmountsValidator(), Clock());
        // Both contexts read the price while it is still active, before either saves.
        await first.Prices.SingleAsync(p => p.Id == priceId);
        await second.Prices.SingleAsync(p => p.Id == priceId);

        var won = await firstHandler.HandleAsync(new ReplacePriceAmounts(priceId, BillingScheme.PerUnit, 1600, null, null, null), default);
        var lost = await secondHandler.HandleAsync(new ReplacePriceAmounts(priceId, BillingScheme.PerUnit, 1700, null, null, null), default);

        Assert.True(won.Succeeded);
        Assert.False(lost.Succeeded);
        Assert.Equal(ErrorCodes.StateConflict, lost.FirstError.Code);
        await using var check = database.CreateContext(tenant);
        // The seeded plan's monthly price belongs to the same product and takes no part in the race.
        var prices = await check.Prices.AsNoTracking().Where(p => p.ProductId == seeded.A.Product.Id && p.Id != seeded.A.Plan.PriceId).ToListAsync();
        Assert.Equal([1500L, 1600L], prices.Select(p => p.UnitAmount!.Value).Order());
        Assert.Equal(won.Value.Id, prices.Single(p => p.Id == priceId).ReplacedByPriceId);
        var slot = await check.OfferSlots.AsNoTracking().SingleAsync(s => s.OfferId == seeded.A.Offer.Id);
        Assert.Equal(won.Value.Id, slot.DefaultPriceId);
    }

    // ---------------------------------------------------------------- products

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_lookup_key_is_unique_within_an_organization_but_another_organization_may_reuse_it(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);

        async Task<Result<Product>> CreateAsync(Guid organizationId, string name)
        {
            var tenant = new TestTenant(organizationId);
            await using var db = database.CreateContext(tenant);
            return await new CreateProductHandler(db, tenant, new ProductFieldsValidator(), Clock())
                .HandleAsync(new CreateProduct(new ProductFields(name, LookupKey: "coffee_1kg")), default);
        }

        var first = await CreateAsync(seeded.A.Id, "Coffee 1 kg");
        Assert.True(first.Succeeded);

        var second = await CreateAsync(seeded.A.Id, "Coffee 1 kg (new)");
        Assert.False(second.Succeeded);
        Assert.Equal("lookup_key", second.FirstError.Param);
        Assert.Equal(ErrorCodes.ParameterInvalid, second.FirstError.Code);

        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            var withKey = await db.Products.AsNoTracking().Where(p => p.LookupKey == "coffee_1kg").ToListAsync();
            Assert.Equal([first.Value.Id], withKey.Select(p => p.Id));
            Assert.False(await db.Products.AnyAsync(p => p.Name == "Coffee 1 kg (new)"));
        }

        var other = await CreateAsync(seeded.B.Id, "Coffee 1 kg");
        Assert.True(other.Succeeded, other.Succeeded ? "" : other.FirstError.Message);

        await using (var db = database.CreateContext())
        {
            var owners = await db.Products.IgnoreQueryFilters().Where(p => p.LookupKey == "coffee_1kg")
                .Select(p => p.OrganizationId).ToListAsync();
            Assert.Equal(new[] { seeded.A.Id, seeded.B.Id }.Order(), owners.Order());
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_lookup_key_index_refuses_a_duplicate_inserted_without_the_handler(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);

        Product WithKey(string name, string? key)
        {
            var product = Product.Create(seeded.A.Id, name, null, Now);
            product.Update(new ProductFields(name, LookupKey: key), Now);
            return product;
        }

        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            db.Products.Add(WithKey("First", "coffee_1kg"));
            // Products without a lookup key do not collide (the seed already has one): NULLs are distinct.
            db.Products.Add(WithKey("No key", null));
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            // The same key in another case: the unique index is on the normalized key, so every database refuses it.
            db.Products.Add(WithKey("Second", "COFFEE_1KG"));
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.True(db.IsUniqueKeyRace(refused));
        }

        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            Assert.Equal(1, await db.Products.CountAsync(p => p.LookupKey == "coffee_1kg"));
            Assert.Equal(2, await db.Products.CountAsync(p => p.LookupKey == null));
        }
    }

    // ---------------------------------------------------------------- product images

    /// <summary>A sound 16×16 PNG of exactly <paramref name="length"/> bytes.</summary>
    private static byte[] Png(int length) => TestImages.Png(length: length);

    private static async Task<Result<Product>> SetImageAsync(TestDatabase database, Guid organizationId, Guid productId, byte[]? content)
    {
        await using var db = database.CreateContext(new TestTenant(organizationId));
        return await new SetProductImageHandler(db, Clock()).HandleAsync(new SetProductImage(productId, content), default);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_png_image_is_stored_and_read_back_byte_for_byte(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);
        var product = await AddProductAsync(database, seeded.A.Id, "Mug");
        var png = Png(300_000);

        var result = await SetImageAsync(database, seeded.A.Id, product.Id, png);
        Assert.True(result.Succeeded, result.Succeeded ? "" : result.FirstError.Message);

        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            var image = await db.ProductImages.AsNoTracking().SingleAsync(i => i.ProductId == product.Id);
            Assert.Equal("image/png", image.ContentType);
            Assert.Equal(png.Length, image.Content.Length);
            Assert.True(png.AsSpan().SequenceEqual(image.Content), "The stored image differs from the uploaded bytes.");
            Assert.Equal(seeded.A.Id, image.OrganizationId);
            var stored = await db.Products.AsNoTracking().SingleAsync(p => p.Id == product.Id);
            Assert.False(string.IsNullOrEmpty(stored.ImageVersion));
            Assert.Equal(result.Value.ImageVersion, stored.ImageVersion);
        }

        // Replacing keeps one row per product with the new bytes; removing deletes it.
        var second = Png(1_024);
        second[^1] ^= 0xFF;
        Assert.True((await SetImageAsync(database, seeded.A.Id, product.Id, second)).Succeeded);
        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            var image = await db.ProductImages.AsNoTracking().SingleAsync(i => i.ProductId == product.Id);
            Assert.True(second.AsSpan().SequenceEqual(image.Content));
        }
        Assert.True((await SetImageAsync(database, seeded.A.Id, product.Id, null)).Succeeded);
        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            Assert.False(await db.ProductImages.AnyAsync(i => i.ProductId == product.Id));
            Assert.Null((await db.Products.AsNoTracking().SingleAsync(p => p.Id == product.Id)).ImageVersion);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_image_over_2_MB_or_a_file_that_is_not_an_image_is_refused_and_the_stored_image_is_kept(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);
        var product = await AddProductAsync(database, seeded.A.Id, "Poster");
        var original = Png(4_096);
        Assert.True((await SetImageAsync(database, seeded.A.Id, product.Id, original)).Succeeded);

        var tooLarge = await SetImageAsync(database, seeded.A.Id, product.Id, Png(ImageFile.MaxBytes + 1));
        Assert.False(tooLarge.Succeeded);
        Assert.Equal("image", tooLarge.FirstError.Param);
        Assert.Equal(ErrorCodes.ParameterInvalid, tooLarge.FirstError.Code);

        var text = await SetImageAsync(database, seeded.A.Id, product.Id, "This is a text file, not a picture.\n"u8.ToArray());
        Assert.False(text.Succeeded);
        Assert.Equal("image", text.FirstError.Param);

        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            var image = await db.ProductImages.AsNoTracking().SingleAsync(i => i.ProductId == product.Id);
            Assert.True(original.AsSpan().SequenceEqual(image.Content));
        }

        // Exactly 2 MB is allowed, and the column holds it whole.
        var largest = Png(ImageFile.MaxBytes);
        Assert.True((await SetImageAsync(database, seeded.A.Id, product.Id, largest)).Succeeded);
        await using (var db = database.CreateContext(new TestTenant(seeded.A.Id)))
        {
            var image = await db.ProductImages.AsNoTracking().SingleAsync(i => i.ProductId == product.Id);
            Assert.True(largest.AsSpan().SequenceEqual(image.Content));
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Many_replaces_of_one_products_image_at_once_all_succeed_and_the_last_saved_wins(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await MigratedAsync(database);
        var product = await AddProductAsync(database, seeded.A.Id, "Racing mug");
        var images = Enumerable.Range(1, 24).Select(i => TestImages.Png(i, i)).ToArray();

        // No image yet, so every request first reads none and tries to add one: they collide on the key.
        using var start = new SemaphoreSlim(0);
        var uploads = images.Select(image => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await SetImageAsync(database, seeded.A.Id, product.Id, image);
        })).ToArray();
        start.Release(images.Length);
        var results = await Task.WhenAll(uploads);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Succeeded ? "" : r.FirstError.Message));
        await using var db = database.CreateContext(new TestTenant(seeded.A.Id));
        var stored = await db.ProductImages.AsNoTracking().SingleAsync(i => i.ProductId == product.Id);
        var version = (await db.Products.AsNoTracking().SingleAsync(p => p.Id == product.Id)).ImageVersion;
        var winner = Array.FindIndex(results, r => r.Value.ImageVersion == version);
        Assert.True(winner >= 0, "The product names the version of none of the uploads.");
        Assert.Equal(images[winner], stored.Content);
    }
}

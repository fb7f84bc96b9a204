using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Numi.Core.Accounts;
using Numi.Core.ApiKeys;
using Numi.Core.Catalog;
using Numi.Core.Clocks;
using Numi.Core.Common;
using Numi.Core.Discounts;
using Numi.Core.Offers;
using Numi.Core.Organizations;
using Numi.Core.Tax;
using Numi.Core.Tenancy;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Demo;

/// <summary>Seeds the demo merchant on an empty database, so a fresh clone opens on a working app: its catalog,
/// offers, codes and tax rates, then its plans and subscribers with months of billing history (<see cref="DemoBilling"/>).</summary>
public static class DemoSeeder
{
    public sealed record Seeded(string Password, string ApiKey, string WebhookSecret, bool PasswordGenerated, bool ApiKeyGenerated, bool WebhookSecretGenerated);

    public static async Task<Seeded?> SeedDemoAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var options = provider.GetRequiredService<IOptions<DemoOptions>>().Value;
        var db = provider.GetRequiredService<NumiDbContext>();
        if (await db.AnyOrganizationAsync(ct)) return null;

        var users = provider.GetRequiredService<UserManager<NumiUser>>();
        var now = provider.GetRequiredService<ControllableClock>().GetUtcNow().UtcDateTime;
        var password = Pick(options.Password, DemoPassword.New, out var passwordGenerated);
        var apiKeySecret = Pick(options.ApiKey, () => ApiKey.TestPrefix + SecretToken.New(32), out var apiKeyGenerated);
        var webhookSecret = Pick(options.WebhookSecret, () => "whsec_" + SecretToken.New(32), out var webhookGenerated);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var owner = new NumiUser { UserName = DemoOptions.OwnerEmail, Email = DemoOptions.OwnerEmail, EmailConfirmed = true, DisplayName = "Demo Owner", CreatedAt = now };
        var created = await users.CreateAsync(owner, password);
        if (!created.Succeeded)
            throw new InvalidOperationException("Numi:Demo:Password is not accepted: " + string.Join(" ", created.Errors.Select(e => e.Description)));

        var organization = Organization.Create("Demo Coffee Roasters", DemoOptions.Slug, "usd", "America/New_York", now);
        organization.SetWebhookSigningSecret(webhookSecret);
        db.Organizations.Add(organization);
        db.Memberships.Add(Membership.Create(organization.Id, owner.Id, OrganizationRole.Owner, now));
        owner.CurrentOrganizationId = organization.Id;
        db.ApiKeys.Add(ApiKey.Create(organization.Id, "Demo key", ApiKeyMode.Test, owner.Id, now, apiKeySecret).Key);
        var catalog = AddCatalog(db, organization.Id, now);
        AddTaxRates(db, organization.Id, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await DemoBilling.AddHistoryAsync(services, organization.Id, organization.Name, organization.Slug, catalog, now, ct);
        await DemoFunnel.AddAsync(services, organization.Id, organization.Name, organization.Slug, catalog, now, ct);
        return new Seeded(password, apiKeySecret, webhookSecret, passwordGenerated, apiKeyGenerated, webhookGenerated);
    }

    /// <summary>Beans sold per bag with a cheaper three-bag option and a monthly subscription, a grinder as the
    /// order bump, and a graduated wholesale price, all arranged in a published offer.</summary>
    private static DemoBilling.Catalog AddCatalog(NumiDbContext db, Guid organizationId, DateTime now)
    {
        var beans = Product.Create(organizationId, "House Blend Beans (1 kg)", "Medium roast, chocolate and hazelnut notes.", now);
        var grinder = Product.Create(organizationId, "Burr Grinder", "Conical burrs, 40 grind settings.", now.AddSeconds(1));
        var club = Product.Create(organizationId, "Coffee Club Subscription", "A fresh bag every month.", now.AddSeconds(2));
        beans.Update(new ProductFields(beans.Name, beans.Description, ProductType.Standard, "house_blend_1kg"), now);
        grinder.Update(new ProductFields(grinder.Name, grinder.Description, ProductType.Standard, "burr_grinder"), now);
        club.Update(new ProductFields(club.Name, club.Description, ProductType.Subscription, "coffee_club"), now.AddSeconds(2));
        db.Products.AddRange(beans, grinder, club);
        var prices = new Dictionary<Guid, Price>();

        Price NewPrice(Product product, PriceSchedule schedule, PricingModel model, string nickname)
        {
            var price = Price.Create(product.Id, "usd", schedule, model, PriceScope.List, null, nickname, now);
            price.OrganizationId = organizationId;
            db.Prices.Add(price);
            prices.Add(price.Id, price);
            return price;
        }
        var oneBag = NewPrice(beans, PriceSchedule.OneTime, PricingModel.PerUnit(2400), "One bag");
        var threeBags = NewPrice(beans, PriceSchedule.OneTime, PricingModel.PerUnit(6300), "Three-bag bundle");
        NewPrice(beans, PriceSchedule.OneTime, PricingModel.Tiered(TiersMode.Graduated,
            new PriceTier(5, 2400, null), new PriceTier(20, 2100, null), new PriceTier(null, 1800, null)), "Wholesale");
        var monthly = NewPrice(club, PriceSchedule.Every(PriceInterval.Month), PricingModel.PerUnit(2200), "Monthly");
        var grinderPrice = NewPrice(grinder, PriceSchedule.OneTime, PricingModel.PerUnit(2900), "Grinder");

        var offer = Offer.Create("Coffee Club", "coffee-club", "The demo checkout: beans, a subscription choice and a grinder bump.", "usd", now);
        offer.OrganizationId = organizationId;
        offer.AddSlot(new SlotFields("coffee", "House Blend", oneBag.Id, Required: true, Quantity: 1, MaxQuantity: 10,
            Options: [new(oneBag.Id, "1 bag"), new(threeBags.Id, "3 bags"), new(monthly.Id, "Subscribe monthly")]));
        offer.AddSlot(new SlotFields("grinder", "Burr Grinder", grinderPrice.Id, Required: false, MaxQuantity: 1));
        offer.ChangeDesign(OfferDesign.Default with
        {
            BrandColor = "#3b2a1a", AccentColor = "#c2410c", Headline = "Fresh coffee, roasted this week",
            Bullets = ["Roasted to order", "Free shipping over $40", "Pause or cancel any time"], GuaranteeText = "30-day money-back guarantee",
        }, now);
        offer.ChangeStatus(OfferStatus.Published, now);

        var upsell = Offer.Create("Grinder add-on", "grinder-add-on", "Shown after paying for the Coffee Club: one click adds a grinder.", "usd", now);
        upsell.OrganizationId = organizationId;
        upsell.AddSlot(new SlotFields("grinder", "Burr Grinder", grinderPrice.Id, Required: true, MaxQuantity: 1));
        upsell.ChangeDesign(OfferDesign.Default with { Headline = "Grind it fresh: add the burr grinder", Subheadline = "40 settings, from espresso to French press." }, now);
        upsell.ChangeStatus(OfferStatus.Published, now);
        offer.SetUpsell(upsell.Id, now);
        db.Offers.AddRange(offer, upsell);

        // The README's demo code: 10% off the coffee of the Coffee Club (beans or the subscription's first month), not the grinder.
        db.DiscountCodes.Add(DiscountCode.Create(organizationId,
            new DiscountTerms(DemoOptions.DiscountCode, PercentOff: 10, Duration: DiscountDuration.Once, ProductIds: [beans.Id, club.Id]), new DiscountLimits(), now));
        return new DemoBilling.Catalog(offer, monthly, prices, new[] { beans, grinder, club }.ToDictionary(p => p.Id, p => p.Name));
    }

    /// <summary>California sales tax added on top of prices, and UK VAT included in them.</summary>
    private static void AddTaxRates(NumiDbContext db, Guid organizationId, DateTime now)
    {
        foreach (var fields in new[] { new TaxRateFields("Sales tax", "US", "CA", 7.25m, false), new TaxRateFields("VAT", "GB", null, 20m, true) })
        {
            var rate = TaxRate.Create(fields, now);
            rate.OrganizationId = organizationId;
            db.TaxRates.Add(rate);
        }
    }

    private static string Pick(string? configured, Func<string> generate, out bool generated)
    {
        generated = string.IsNullOrWhiteSpace(configured);
        return generated ? generate() : configured!;
    }
}

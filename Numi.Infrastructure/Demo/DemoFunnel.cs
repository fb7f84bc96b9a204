using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Catalog;
using Numi.Core.Common;
using Numi.Core.Funnels;
using Numi.Core.Offers;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Demo;

/// <summary>The demo's published Coffee funnel (landing with an A/B test on its headline, choose a roast, checkout,
/// grinder upsell, filter downsell, thank-you), built through the same Core handlers the canvas uses so it passes
/// the same rules, then a month of recorded traffic (<see cref="DemoTraffic"/>) so its analytics show something at once.</summary>
internal static class DemoFunnel
{
    public const string Slug = "coffee";

    /// <summary>The step keys the traffic needs, in funnel order, and the landing's variant.</summary>
    internal sealed record Built(Guid FunnelId, Guid VersionId, string[] StepKeys, string VariantKey);

    /// <summary>What each sale in the traffic is worth, in cents: the roasts (the club's bag first), the grinder, the filters.</summary>
    internal sealed record Amounts(long[] Roasts, long Grinder, long Filters);

    public static async Task AddAsync(IServiceProvider services, Guid organizationId, string name, string slug, DemoBilling.Catalog catalog,
        DateTime now, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        provider.GetRequiredService<ITenantEntry>().Enter(organizationId, name, slug);
        var db = provider.GetRequiredService<NumiDbContext>();

        var grinderPrice = catalog.Prices.Values.First(p => p.Nickname == "Grinder");
        var clubBag = catalog.Prices.Values.First(p => p.Nickname == "One bag");
        var amounts = new Amounts([clubBag.UnitAmount ?? 0, 2600, 2500], grinderPrice.UnitAmount ?? 0, 600);
        var roasts = new[] { ("Light roast: Ethiopia Yirgacheffe", "light-roast"), ("Dark roast: Sumatra Mandheling", "dark-roast") }
            .Select((r, i) => SingleProductOffer(db, organizationId, r.Item1, r.Item2, amounts.Roasts[i + 1], now.AddSeconds(3 + i))).ToList();
        var filters = SingleProductOffer(db, organizationId, "Paper filters (100)", "paper-filters", amounts.Filters, now.AddSeconds(5));
        await db.SaveChangesAsync(ct);

        var built = await BuildAsync(provider, catalog.Offer, [catalog.Offer.Id, .. roasts.Select(r => r.Id)], filters.Id, ct);
        await DemoTraffic.RecordAsync(db, organizationId, built, amounts, now, ct);
    }

    /// <summary>A published offer selling one product at one price: the roasts to choose from and the downsell's filters.</summary>
    private static Offer SingleProductOffer(NumiDbContext db, Guid organizationId, string name, string slug, long amount, DateTime now)
    {
        var product = Product.Create(organizationId, name, null, now);
        db.Products.Add(product);
        var price = Price.Create(product.Id, "usd", PriceSchedule.OneTime, PricingModel.PerUnit(amount), PriceScope.List, null, name, now);
        price.OrganizationId = organizationId;
        db.Prices.Add(price);
        var offer = Offer.Create(name, slug, null, "usd", now);
        offer.OrganizationId = organizationId;
        offer.AddSlot(new SlotFields("item", name, price.Id, Required: true, MaxQuantity: 5));
        offer.ChangeStatus(OfferStatus.Published, now);
        db.Offers.Add(offer);
        return offer;
    }

    private static async Task<Built> BuildAsync(IServiceProvider provider, Offer club, Guid[] roastOffers, Guid filterOffer, CancellationToken ct)
    {
        var funnel = Ok(await provider.GetRequiredService<CreateFunnelHandler>().HandleAsync(new CreateFunnel("Coffee", Slug), ct));
        var add = provider.GetRequiredService<AddFunnelStepHandler>();
        var update = provider.GetRequiredService<UpdateFunnelStepHandler>();
        var keys = new List<string>();
        foreach (var (type, fields) in Steps(club, roastOffers, filterOffer))
        {
            var step = Ok(await add.HandleAsync(new AddFunnelStep(funnel.Id, funnel.Revision, type, fields.Name), ct));
            keys.Add(step.Key);
            funnel = Ok(await update.HandleAsync(new UpdateFunnelStep(funnel.Id, funnel.Revision, step.Key, fields), ct));
        }
        funnel = Ok(await provider.GetRequiredService<AddStepVariantHandler>().HandleAsync(new AddStepVariant(funnel.Id, funnel.Revision, keys[0],
            new VariantFields("B: Roasted this week", 50, [.. LandingBlocks("Coffee roasted this week, at your door in two days")])), ct));
        var variant = funnel.FindStep(keys[0])!.Variants[0].Key;
        funnel = Ok(await provider.GetRequiredService<PublishFunnelHandler>().HandleAsync(new PublishFunnel(funnel.Id, funnel.Revision), ct));
        return new Built(funnel.Id, funnel.PublishedVersionId!.Value, [.. keys], variant);
    }

    private static IEnumerable<(FunnelStepType, StepFields)> Steps(Offer club, Guid[] roastOffers, Guid filterOffer)
    {
        // The landing splits visitors 50/50 between its own headline (the control) and variant B's.
        yield return (FunnelStepType.Landing, new StepFields("Landing", Blocks: [.. LandingBlocks("Great coffee starts with fresh beans")], ControlWeight: 50));
        yield return (FunnelStepType.ProductSelection, new StepFields("Choose a roast", OfferIds: roastOffers,
            Blocks: [new ContentBlock(ContentBlockType.Headline, "Choose a roast")]));
        yield return (FunnelStepType.Checkout, new StepFields("Checkout", OfferId: club.Id));
        yield return (FunnelStepType.Upsell, new StepFields("Add the burr grinder", OfferId: club.UpsellOfferId));
        yield return (FunnelStepType.Downsell, new StepFields("Paper filters instead?", OfferId: filterOffer,
            Blocks: [new ContentBlock(ContentBlockType.Headline, "No grinder? Take 100 paper filters for $6")]));
        yield return (FunnelStepType.ThankYou, new StepFields("Thank you", Blocks: [new ContentBlock(ContentBlockType.Headline, "Thank you! Your coffee is on its way.")]));
    }

    private static IEnumerable<ContentBlock> LandingBlocks(string headline)
    {
        yield return new ContentBlock(ContentBlockType.Headline, headline);
        yield return new ContentBlock(ContentBlockType.Text, "Small-batch beans from Demo Coffee Roasters, roasted to order and shipped the same week.");
        yield return new ContentBlock(ContentBlockType.Bullets, Items: ["Roasted to order", "Free shipping over $40", "Pause or cancel any time"]);
        yield return new ContentBlock(ContentBlockType.Testimonial, "The best coffee I have had at home.", Author: "Ava T.");
        yield return new ContentBlock(ContentBlockType.CallToAction, Label: "Choose my roast");
    }

    /// <summary>The demo is Numi's own data: a refusal here is a bug in the seeder or the rules, so it stops the start.</summary>
    private static T Ok<T>(Result<T> result) => result.Succeeded
        ? result.Value
        : throw new InvalidOperationException("The demo funnel was refused: " + string.Join(" ", result.Errors.Select(e => e.Message)));
}

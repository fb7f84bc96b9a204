using AngleSharp.Dom;
using Bunit;
using Numi.Core.Offers;
using Numi.Web.Features.Offers;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Pages;

namespace Numi.Web.Tests.Interactive;

/// <summary>Seeding and reading helpers of the offer component tests.</summary>
internal static class OfferKit
{
    /// <summary>Stores a USD offer straight in the database. <paramref name="bumps"/> optional slots and, for a
    /// published offer, one required slot are added, each with a price of its own.</summary>
    public static async Task<Offer> SeedOfferAsync(this NumiFactory factory, Guid organizationId, string name, string slug,
        OfferStatus status = OfferStatus.Draft, int bumps = 0)
    {
        var slotPrices = new List<Guid>();
        var slots = bumps + (status == OfferStatus.Published ? 1 : 0);
        for (var i = 0; i < slots; i++)
        {
            var product = await factory.SeedProductAsync(organizationId, $"{name} part {i}");
            slotPrices.Add((await factory.SeedPriceAsync(organizationId, product.Id, "usd", 1_000)).Id);
        }
        return await factory.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var offer = Offer.Create(name, slug, null, "usd", now);
            offer.OrganizationId = organizationId;
            for (var i = 0; i < slotPrices.Count; i++)
                offer.AddSlot(new SlotFields($"slot{i}", $"Slot {i}", slotPrices[i], Required: i >= bumps, Quantity: 1));
            var changed = offer.ChangeStatus(status, now);
            Assert.True(changed.Succeeded);
            db.Offers.Add(offer);
            await db.SaveChangesAsync();
            return offer;
        });
    }

    /// <summary>The offer names the grid lists, in its order.</summary>
    public static List<string> Offers(this IRenderedComponent<OffersGrid> grid) =>
        grid.FindAll("[data-testid=offer-table] tbody tr a").Select(a => a.TextContent.Trim()).ToList();

    public static IElement Row(this IRenderedComponent<OffersGrid> grid, string name) =>
        grid.FindAll("[data-testid=offer-table] tbody tr").Single(r => r.QuerySelector("a")?.TextContent.Trim() == name);
}

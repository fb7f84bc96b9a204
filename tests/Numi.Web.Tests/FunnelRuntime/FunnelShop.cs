using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Funnels;
using Numi.Infrastructure.Funnels;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Checkout;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.FunnelRuntime;

/// <summary>The coffee shop (<see cref="CheckoutShop"/>) with a published funnel built through the REST API: a landing
/// page (headline, countdown, call to action), a checkout of the coffee offer, an upsell of the grinder, a downsell of
/// a tea sampler, and a thank-you page.</summary>
internal sealed class FunnelShop(CheckoutShop shop, string funnelId, string slug, IReadOnlyList<string> keys) : IDisposable
{
    public const string Headline = "Wake up to better coffee";

    public CheckoutShop Shop { get; } = shop;
    public string FunnelId { get; } = funnelId;
    public Guid FunnelKey => Guid.ParseExact(FunnelId["fnl_".Length..], "N");
    public string Path => $"/f/{Shop.OrganizationSlug}/{slug}";
    public string Landing => keys[0];
    public string Checkout => keys[1];
    public string Upsell => keys[2];
    public string Downsell => keys[3];
    public string ThankYou => keys[4];
    public string UpsellOfferId { get; private set; } = "";

    public string StepPath(string key) => $"{Path}/{key}";

    /// <param name="shop">The coffee shop to build it in; a new merchant's when null.</param>
    public static async Task<FunnelShop> CreateAsync(NumiFactory factory, int variantWeight = 0, CheckoutShop? shop = null)
    {
        shop ??= await CheckoutShop.CreateAsync(factory);
        var api = shop.Api;
        var upsell = await shop.AddUpsellAsync();
        var tea = await api.PostOkAsync("/api/v1/offers", JsonSerializer.Serialize(new
        {
            name = "Tea sampler", slug = "tea-" + Guid.NewGuid().ToString("N")[..8], currency = "usd", status = "published",
            design = new { headline = "A tea sampler instead?" },
            slots = new[] { new { key = "tea", name = "Tea", price = await api.CreatePerUnitPriceAsync(await api.CreateProductAsync("Tea"), 900), required = true } },
        }));
        var slug = "wake-" + Guid.NewGuid().ToString("N")[..8];
        var funnel = await api.PostOkAsync("/api/v1/funnels", JsonSerializer.Serialize(new { name = "Wake up", slug }));
        var id = funnel.GetProperty("id").GetString()!;
        foreach (var type in new[] { "landing", "checkout", "upsell", "downsell", "thank_you" })
            funnel = await api.PostOkAsync($"/api/v1/funnels/{id}/steps", JsonSerializer.Serialize(new { revision = Revision(funnel), type }));
        var keys = funnel.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("key").GetString()!).ToList();
        funnel = await api.PostOkAsync($"/api/v1/funnels/{id}/steps/{keys[0]}", JsonSerializer.Serialize(new
        {
            revision = Revision(funnel),
            blocks = new object[]
            {
                new { type = "headline", text = Headline },
                new { type = "countdown", text = "Launch price", ends_at = 1798761600L },
                new { type = "call_to_action", label = "Get my coffee" },
            },
        }));
        funnel = await api.PostOkAsync($"/api/v1/funnels/{id}/steps/{keys[1]}", JsonSerializer.Serialize(new { revision = Revision(funnel), offer = shop.OfferId }));
        funnel = await api.PostOkAsync($"/api/v1/funnels/{id}/steps/{keys[2]}", JsonSerializer.Serialize(new { revision = Revision(funnel), offer = upsell }));
        funnel = await api.PostOkAsync($"/api/v1/funnels/{id}/steps/{keys[3]}", JsonSerializer.Serialize(new { revision = Revision(funnel), offer = tea.GetProperty("id").GetString() }));
        if (variantWeight > 0)
            funnel = await api.PostOkAsync($"/api/v1/funnels/{id}/steps/{keys[0]}/variants", JsonSerializer.Serialize(new
            {
                revision = Revision(funnel), name = "Bold", weight = variantWeight,
                blocks = new object[] { new { type = "headline", text = "Bold coffee" }, new { type = "call_to_action", label = "Go" } },
            }));
        await api.PostOkAsync($"/api/v1/funnels/{id}/publish", JsonSerializer.Serialize(new { revision = Revision(funnel) }));
        return new FunnelShop(shop, id, slug, keys) { UpsellOfferId = upsell };
    }

    /// <summary>Changes the landing headline in the draft, and publishes it unless told not to.</summary>
    public async Task RepublishWithHeadlineAsync(string headline, bool publish = true)
    {
        var funnel = await Shop.Api.GetFromJsonElementAsync($"/api/v1/funnels/{FunnelId}");
        funnel = await Shop.Api.PostOkAsync($"/api/v1/funnels/{FunnelId}/steps/{Landing}", JsonSerializer.Serialize(new
        {
            revision = Revision(funnel),
            blocks = new object[] { new { type = "headline", text = headline }, new { type = "call_to_action", label = "Get my coffee" } },
        }));
        if (publish) await Shop.Api.PostOkAsync($"/api/v1/funnels/{FunnelId}/publish", JsonSerializer.Serialize(new { revision = Revision(funnel) }));
    }

    /// <summary>The funnel's stored sessions, once those the pages queued (<see cref="FunnelSessionQueue"/>) are written.</summary>
    public static async Task<List<FunnelSession>> SessionsAsync(NumiFactory factory, Guid funnelId)
    {
        await factory.Services.GetRequiredService<FunnelSessionWriter>().FlushAsync(default);
        return await factory.WithDbAsync(db => db.FunnelSessions.IgnoreQueryFilters().AsNoTracking().Where(s => s.FunnelId == funnelId).ToListAsync());
    }

    /// <summary>Posts a JSON body to one of the funnel's publishing endpoints (publish, rollback, archive, restore) with
    /// the current revision.</summary>
    public async Task PublishingAsync(string action, object? body = null)
    {
        var funnel = await Shop.Api.GetFromJsonElementAsync($"/api/v1/funnels/{FunnelId}");
        var fields = JsonSerializer.SerializeToElement(body ?? new { }).EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
        fields["revision"] = Revision(funnel);
        await Shop.Api.PostOkAsync($"/api/v1/funnels/{FunnelId}/{action}", JsonSerializer.Serialize(fields));
    }

    private static int Revision(JsonElement funnel) => funnel.GetProperty("revision").GetInt32();

    public void Dispose() => Shop.Dispose();
}

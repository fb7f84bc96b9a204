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
/// page (headline, countdown, call to action), optionally a choice between the coffee offer and a tea sampler, a
/// checkout of the coffee offer, an upsell of the grinder, a downsell of the tea sampler, and a thank-you page.</summary>
internal sealed class FunnelShop(CheckoutShop shop, string funnelId, string slug, IReadOnlyList<(string Key, string Type)> steps) : IDisposable
{
    public const string Headline = "Wake up to better coffee";
    public const string CheckoutVariantHeadline = "Last step: your coffee";

    public CheckoutShop Shop { get; } = shop;
    public string FunnelId { get; } = funnelId;
    public Guid FunnelKey => Guid.ParseExact(FunnelId["fnl_".Length..], "N");
    public string Path => $"/f/{Shop.OrganizationSlug}/{slug}";
    public string Landing => KeyOf("landing");
    /// <summary>The product-selection step, in a shop made with <c>choice: true</c>.</summary>
    public string Choice => KeyOf("product_selection");
    public string Checkout => KeyOf("checkout");
    public string Upsell => KeyOf("upsell");
    public string Downsell => KeyOf("downsell");
    public string ThankYou => KeyOf("thank_you");
    public string UpsellOfferId { get; private set; } = "";
    public string TeaOfferId { get; private set; } = "";

    private string KeyOf(string type) => steps.Single(s => s.Type == type).Key;

    public string StepPath(string key) => $"{Path}/{key}";

    /// <param name="shop">The coffee shop to build it in; a new merchant's when null.</param>
    /// <param name="choice">Adds a product-selection step after the landing: the coffee offer or the tea sampler.</param>
    /// <param name="checkoutVariantWeight">Tests the checkout step against a variant of that weight (the control's is 100)
    /// headed <see cref="CheckoutVariantHeadline"/>.</param>
    public static async Task<FunnelShop> CreateAsync(NumiFactory factory, int variantWeight = 0, CheckoutShop? shop = null, bool choice = false,
        int checkoutVariantWeight = 0)
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
        string[] types = choice ? ["landing", "product_selection", "checkout", "upsell", "downsell", "thank_you"] : ["landing", "checkout", "upsell", "downsell", "thank_you"];
        foreach (var type in types)
            funnel = await api.PostOkAsync($"/api/v1/funnels/{id}/steps", JsonSerializer.Serialize(new { revision = Revision(funnel), type }));
        var keys = funnel.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("key").GetString()!).ToList();
        var steps = keys.Zip(types).ToList();
        var teaId = tea.GetProperty("id").GetString()!;
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
        if (choice)
            funnel = await api.PostOkAsync($"/api/v1/funnels/{id}/steps/{keys[1]}", JsonSerializer.Serialize(new { revision = Revision(funnel), offers = new[] { shop.OfferId, teaId } }));
        var offset = choice ? 1 : 0;
        funnel = await api.PostOkAsync($"/api/v1/funnels/{id}/steps/{keys[1 + offset]}", JsonSerializer.Serialize(new { revision = Revision(funnel), offer = shop.OfferId }));
        funnel = await api.PostOkAsync($"/api/v1/funnels/{id}/steps/{keys[2 + offset]}", JsonSerializer.Serialize(new { revision = Revision(funnel), offer = upsell }));
        funnel = await api.PostOkAsync($"/api/v1/funnels/{id}/steps/{keys[3 + offset]}", JsonSerializer.Serialize(new { revision = Revision(funnel), offer = teaId }));
        if (variantWeight > 0)
            funnel = await api.PostOkAsync($"/api/v1/funnels/{id}/steps/{keys[0]}/variants", JsonSerializer.Serialize(new
            {
                revision = Revision(funnel), name = "Bold", weight = variantWeight,
                blocks = new object[] { new { type = "headline", text = "Bold coffee" }, new { type = "call_to_action", label = "Go" } },
            }));
        if (checkoutVariantWeight > 0)
            funnel = await api.PostOkAsync($"/api/v1/funnels/{id}/steps/{keys[1 + offset]}/variants", JsonSerializer.Serialize(new
            {
                revision = Revision(funnel), name = "Headed", weight = checkoutVariantWeight,
                blocks = new object[] { new { type = "headline", text = CheckoutVariantHeadline } },
            }));
        await api.PostOkAsync($"/api/v1/funnels/{id}/publish", JsonSerializer.Serialize(new { revision = Revision(funnel) }));
        return new FunnelShop(shop, id, slug, steps) { UpsellOfferId = upsell, TeaOfferId = teaId };
    }

    /// <summary>A funnel of the shop whose entry step is the checkout of its coffee offer, then a thank-you page,
    /// published; its path.</summary>
    public static async Task<string> CreateCheckoutFirstAsync(CheckoutShop shop)
    {
        var slug = "pay-" + Guid.NewGuid().ToString("N")[..8];
        var funnel = await shop.Api.PostOkAsync("/api/v1/funnels", JsonSerializer.Serialize(new { name = "Pay now", slug }));
        var id = funnel.GetProperty("id").GetString()!;
        foreach (var type in new[] { "checkout", "thank_you" })
            funnel = await shop.Api.PostOkAsync($"/api/v1/funnels/{id}/steps", JsonSerializer.Serialize(new { revision = Revision(funnel), type }));
        var checkout = funnel.GetProperty("steps")[0].GetProperty("key").GetString()!;
        funnel = await shop.Api.PostOkAsync($"/api/v1/funnels/{id}/steps/{checkout}", JsonSerializer.Serialize(new { revision = Revision(funnel), offer = shop.OfferId }));
        await shop.Api.PostOkAsync($"/api/v1/funnels/{id}/publish", JsonSerializer.Serialize(new { revision = Revision(funnel) }));
        return $"/f/{shop.OrganizationSlug}/{slug}";
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

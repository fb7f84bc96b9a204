using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Numi.Core.Common;
using Numi.Core.Subscriptions;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Interactive;

/// <summary>Seeding and reading helpers of the plan page tests.</summary>
internal static class PlanKit
{
    /// <summary>A product <paramref name="product"/> with a monthly price of $29.00, made through the API.</summary>
    public static async Task<Guid> SeedMonthlyPriceAsync(this NumiFactory factory, Guid organizationId, string product = "Pro")
    {
        using var api = factory.CreateApiClient(await factory.CreateApiKeyAsync(organizationId));
        var productId = await api.CreateProductAsync(product);
        var price = await api.PostOkAsync("/api/v1/prices",
            $$"""{"product":"{{productId}}","currency":"usd","type":"recurring","recurring":{"interval":"month"},"billing_scheme":"per_unit","unit_amount":2900}""");
        Assert.True(PublicId.TryParse(IdPrefixes.Price, price.GetProperty("id").GetString()!, out var id));
        return id!.Value;
    }

    /// <summary>A plan on a new monthly price, made through the API.</summary>
    public static async Task<Plan> SeedPlanAsync(this NumiFactory factory, Guid organizationId, string name, bool archived = false)
    {
        var priceId = await factory.SeedMonthlyPriceAsync(organizationId, name + " product");
        using var api = factory.CreateApiClient(await factory.CreateApiKeyAsync(organizationId));
        var plan = await api.PostOkAsync("/api/v1/plans", $$"""{"price":"{{PublicId.Format(IdPrefixes.Price, priceId)}}","name":"{{name}}"}""");
        if (archived) await api.PostOkAsync($"/api/v1/plans/{plan.GetProperty("id").GetString()}/archive", "{}");
        return Assert.Single(await factory.PlansOfAsync(organizationId), p => p.Name == name);
    }

    public static Task<List<Plan>> PlansOfAsync(this NumiFactory factory, Guid organizationId) =>
        factory.WithDbAsync(db => db.Plans.IgnoreQueryFilters().AsNoTracking().Where(p => p.OrganizationId == organizationId).ToListAsync());

    /// <summary>Types into the Mud input whose input element has <paramref name="id"/>: as each key does for an
    /// immediate field (oninput), else as leaving the field does (onchange).</summary>
    public static void Type<T>(this IRenderedComponent<T> component, string id, string value) where T : IComponent
    {
        try
        {
            component.Find($"#{id}").Change(value);
        }
        catch (MissingEventHandlerException)
        {
            component.Find($"#{id}").Input(value);
        }
    }

}

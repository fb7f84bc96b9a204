using System.Text.Json;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Orders;

namespace Numi.Web.Tests.Interactive;

/// <summary>Test-mode purchases in a person's organization, made through the API as a shop's checkout makes them.</summary>
public static class PaidOrders
{
    /// <summary>One $24.00 "House Blend" order per email, numbered from 1001 in that order.</summary>
    public static async Task<List<JsonElement>> BuyAsync(this NumiFactory factory, CircuitPerson person, params string[] emails)
    {
        using var api = factory.CreateApiClient(await factory.CreateApiKeyAsync(person.OrganizationId));
        return await OrdersTests.BuyAsync(api, emails);
    }

    /// <summary>A $22.00 monthly "Coffee Club" subscription bought by <paramref name="email"/>; answers its order.</summary>
    public static async Task<JsonElement> SubscribeAsync(this NumiFactory factory, CircuitPerson person, string email)
    {
        using var api = factory.CreateApiClient(await factory.CreateApiKeyAsync(person.OrganizationId));
        return await Subscriptions.SubscriptionsTests.SubscribeAsync(api, email);
    }

    public static string Id(this JsonElement order) => order.GetProperty("id").GetString()!;
    public static string Customer(this JsonElement order) => order.GetProperty("customer").GetString()!;
}

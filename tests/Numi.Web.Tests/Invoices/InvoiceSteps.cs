using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Subscriptions;

namespace Numi.Web.Tests.Invoices;

/// <summary>Renewal invoices made by the app's own handler, for the tests of what reads them.</summary>
public static class InvoiceSteps
{
    /// <summary>A subscription bought through the API, renewed with <paramref name="paymentMethod"/>: its id and its invoice's.</summary>
    public static async Task<(string Subscription, string Invoice)> RenewedAsync(this NumiFactory factory, Guid organizationId, HttpClient api,
        string paymentMethod)
    {
        await SubscriptionsTests.SubscribeAsync(api, $"ana-{Guid.NewGuid():N}@example.com", quantity: 2);
        var subscription = (await api.GetFromJsonElementAsync("/api/v1/subscriptions?limit=1")).Ids()[0];
        return (subscription, await factory.RenewAsync(organizationId, api, subscription, paymentMethod));
    }

    /// <summary>Makes <paramref name="subscription"/> due now with <paramref name="paymentMethod"/> saved, renews it in its
    /// organization, and answers the id of its one invoice.</summary>
    public static async Task<string> RenewAsync(this NumiFactory factory, Guid organizationId, HttpClient api, string subscription, string paymentMethod)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.Subscription, subscription, out var id));
        await factory.WithDbAsync(db => db.Subscriptions.IgnoreQueryFilters().Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.CurrentPeriodEnd, DateTime.UtcNow.AddMinutes(-1)).SetProperty(s => s.PaymentMethod, paymentMethod)));
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantEntry>().Enter(organizationId, "Test", "test");
        await scope.ServiceProvider.GetRequiredService<RenewSubscriptionHandler>().HandleAsync(id!.Value, default);
        var invoices = await api.GetFromJsonElementAsync($"/api/v1/invoices?subscription={subscription}");
        return Assert.Single(invoices.Ids());
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Common;
using Numi.Core.Invoices;
using Numi.Web.Tests.Api;
using Numi.Web.Tests.Infrastructure;
using Numi.Web.Tests.Subscriptions;

namespace Numi.Web.Tests.Invoices;

public static class InvoiceSteps
{
    /// <summary>Makes <paramref name="subscription"/> due now with <paramref name="paymentMethod"/> saved, then renews it
    /// by the app's own handler in its organization: returns the renewal invoice's id.</summary>
    public static async Task<string> RenewAsync(this NumiFactory factory, Guid organizationId, HttpClient api, string subscription, string paymentMethod)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.Subscription, subscription, out var id));
        await factory.WithDbAsync(db => db.Subscriptions.IgnoreQueryFilters().Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.CurrentPeriodEnd, DateTime.UtcNow.AddMinutes(-1)).SetProperty(s => s.PaymentMethod, paymentMethod)));
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantEntry>().Enter(organizationId, "Test", "test");
        await scope.ServiceProvider.GetRequiredService<RenewSubscriptionHandler>().HandleAsync(id!.Value, default);
        var invoices = await api.GetFromJsonElementAsync($"/api/v1/invoices?subscription={subscription}&limit=1");
        return invoices.Ids()[0];
    }

    /// <summary>A subscription bought through the API, then renewed with <paramref name="paymentMethod"/>.</summary>
    public static async Task<(string Subscription, string Invoice)> RenewedAsync(this NumiFactory factory, Guid organizationId, HttpClient api,
        string paymentMethod)
    {
        await SubscriptionsTests.SubscribeAsync(api, $"ana-{Guid.NewGuid():N}@example.com", quantity: 2);
        var subscription = (await api.GetFromJsonElementAsync("/api/v1/subscriptions?limit=1")).Ids()[0];
        return (subscription, await factory.RenewAsync(organizationId, api, subscription, paymentMethod));
    }
}

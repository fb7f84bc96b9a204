using Microsoft.AspNetCore.Components.Authorization;
using Numi.Web.Client.Dashboard;
using Numi.Web.Client.Shell;
using Numi.Web.Features.Dashboard;
using Numi.Web.Features.Funnels;
using Numi.Web.Client.Funnels;
using Numi.Web.Tenancy;

namespace Numi.Web.Interactive;

public static class InteractiveSetup
{
    /// <summary>The server's implementations of the client components' data interfaces (the browser's are in
    /// Numi.Web.Client's <c>BrowserData</c>), and the circuit's re-checked sign-in.</summary>
    public static IServiceCollection AddInteractiveData(this IServiceCollection services)
    {
        services.AddSingleton<AccessSignals>();
        services.AddScoped<AuthenticationStateProvider, CircuitAuthentication>();
        services.AddScoped<CircuitOperations>();
        services.AddScoped<IMerchantSessions, MerchantSessionsOnServer>();
        services.AddScoped<IDashboardData, DashboardOnServer>();
        services.AddScoped<Client.Offers.IOfferCanvasData, Features.Offers.OfferCanvasOnServer>();
        services.AddScoped<Client.Funnels.Analytics.IFunnelAnalyticsData, Features.FunnelAnalytics.FunnelAnalyticsOnServer>();
        services.AddScoped<IFunnelCanvasData, FunnelCanvasOnServer>();
        return services;
    }
}

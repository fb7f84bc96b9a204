using Microsoft.Extensions.DependencyInjection;

namespace Numi.Web.Client.Api;

public static class BrowserData
{
    /// <summary>The browser's implementations of the client components' data interfaces: Numi's API over HTTP.</summary>
    public static IServiceCollection AddNumiBrowserData(this IServiceCollection services, Uri baseAddress)
    {
        services.AddScoped(_ => new HttpClient { BaseAddress = baseAddress });
        services.AddScoped<NumiApiClient>();
        services.AddScoped<Shell.IMerchantSessions, MerchantSessionsApiClient>();
        services.AddScoped<Dashboard.IDashboardData, DashboardApiClient>();
        services.AddScoped<Offers.IOfferCanvasData, OfferCanvasApiClient>();
        services.AddScoped<Funnels.Analytics.IFunnelAnalyticsData, FunnelAnalyticsApiClient>();
        services.AddScoped<Funnels.IFunnelCanvasData, FunnelCanvasApiClient>();
        return services;
    }
}

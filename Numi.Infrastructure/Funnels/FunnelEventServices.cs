using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Numi.Core;
using Numi.Core.Clocks;
using Numi.Core.Funnels.Events;

namespace Numi.Infrastructure.Funnels;

public static class FunnelEventServices
{
    /// <summary>The funnel event pipeline: <see cref="FunnelEventIntake"/>, <see cref="FunnelEventQueue"/>,
    /// <see cref="SessionEventBudget"/> and the hosted <see cref="FunnelEventWriter"/>, and the new sessions' <see cref="FunnelSessionQueue"/>
    /// and hosted <see cref="FunnelSessionWriter"/>, set from <c>Numi:Funnels</c>.
    /// <c>AddInfrastructure</c> calls it and registers <see cref="EfFunnelEventStore"/> beside it; tests may register
    /// another <see cref="IFunnelEventStore"/>.</summary>
    public static IServiceCollection AddFunnelEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddNumiClock();
        services.AddOptions<FunnelEventOptions>()
            .Bind(configuration.GetSection(FunnelEventOptions.Section))
            .Validate(o => !o.Problems().Any(), "Numi:Funnels has invalid settings: capacities, batch sizes and attempts must be at least 1, durations not negative.")
            .ValidateOnStart();
        services.AddSingleton<FunnelEventQueue>();
        services.AddSingleton(sp => new SessionEventBudget(
            sp.GetRequiredService<ControllableClock>(), sp.GetRequiredService<IOptions<FunnelEventOptions>>().Value.MaxEventsPerSession));
        services.AddSingleton<FunnelEventIntake>();
        services.AddSingleton<IFunnelSaleEvents, QueuedFunnelSaleEvents>();
        services.AddHostedService<FunnelEventWriter>();
        services.AddSingleton<FunnelSessionQueue>();
        services.AddSingleton<FunnelSessionWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<FunnelSessionWriter>());
        return services;
    }
}

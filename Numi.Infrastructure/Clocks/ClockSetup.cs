using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Numi.Core.Clocks;

namespace Numi.Infrastructure.Clocks;

public static class ClockSetup
{
    /// <summary>Makes Numi's <see cref="ControllableClock"/> movable outside Production (the host's environment decides),
    /// where <see cref="ClockSync"/> keeps it on the offset stored in the database. It reads the container's
    /// <see cref="TimeProvider"/> (the system's, or a test's fake) and adds the offset. The container's TimeProvider itself is
    /// never replaced: Quartz computes its triggers' fire times with it and waits in real time, so a moved clock there
    /// would push every trigger a month away and stall the jobs; authentication's cookies must not expire either.</summary>
    public static IServiceCollection AddControllableClock(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton(sp =>
            new ControllableClock(sp.GetRequiredService<TimeProvider>(), sp.GetService<IHostEnvironment>()?.IsProduction() == false)));
        services.AddScoped<ClockStore>();
        services.AddSingleton<ClockSync>();
        services.AddHostedService(sp => sp.GetRequiredService<ClockSync>());
        return services;
    }
}

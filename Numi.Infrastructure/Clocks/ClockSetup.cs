using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Numi.Core.Clocks;

namespace Numi.Infrastructure.Clocks;

public static class ClockSetup
{
    /// <summary>Makes <see cref="ControllableClock"/> THE <see cref="TimeProvider"/>: controllable outside Production
    /// (the host's environment decides), where <see cref="ClockSync"/> keeps it on the offset stored in the database.
    /// A test that registers its own TimeProvider afterwards still wins.</summary>
    public static IServiceCollection AddControllableClock(this IServiceCollection services)
    {
        services.AddSingleton(sp => new ControllableClock(TimeProvider.System, sp.GetService<IHostEnvironment>()?.IsProduction() == false));
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(sp => sp.GetRequiredService<ControllableClock>()));
        services.AddScoped<ClockStore>();
        services.AddSingleton<ClockSync>();
        services.AddHostedService(sp => sp.GetRequiredService<ClockSync>());
        return services;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>The app's own registration (<c>AddInfrastructure</c>) over the given settings, as the web host makes it.</summary>
internal static class InfrastructureServices
{
    public static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? alter = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddInfrastructure(configuration);
        alter?.Invoke(services);
        return services.BuildServiceProvider();
    }
}

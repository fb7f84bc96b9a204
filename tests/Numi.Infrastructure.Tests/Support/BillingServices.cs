using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core;
using Numi.Core.Common;
using Numi.Infrastructure.Jobs;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>The billing jobs wired as the app wires them (each item in its own scope with its organization entered, the
/// organization's processor resolved there), over a test database and a controlled clock.</summary>
internal static class BillingServices
{
    private sealed class JobTenant : ITenantContext, ITenantEntry
    {
        public Guid? OrganizationId { get; private set; }

        public void Enter(Guid organizationId, string name, string slug) => OrganizationId = organizationId;
    }

    public static ServiceProvider Build(TestDatabase database, TimeProvider clock)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Numi"] = database.ConnectionString,
            ["Numi:DataDirectory"] = database.DataDirectory,
            ["Numi:Jobs:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddCore();
        services.AddInfrastructure(configuration);
        services.AddScoped<JobTenant>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<JobTenant>());
        services.AddScoped<ITenantEntry>(sp => sp.GetRequiredService<JobTenant>());
        return services.BuildServiceProvider();
    }

    /// <summary>One run of a job in a scope of its own, as Quartz makes it.</summary>
    public static async Task<Core.Jobs.JobRun> RunAsync(ServiceProvider services, Func<BillingSweep, CancellationToken, Task<Core.Jobs.JobRun>> job)
    {
        await using var scope = services.CreateAsyncScope();
        return await job(scope.ServiceProvider.GetRequiredService<BillingSweep>(), default);
    }
}

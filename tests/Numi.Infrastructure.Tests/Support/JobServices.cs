using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core;
using Numi.Core.Common;
using Numi.Core.Tenancy;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>Core and Infrastructure wired as the app wires them for jobs (scheduler off), with a tenant each job scope
/// enters, the test's clock, and links on <see cref="PublicUrl"/> (the web host's public origin).</summary>
internal static class JobServices
{
    private sealed class JobTenant : ITenantContext, ITenantEntry
    {
        public Guid? OrganizationId { get; private set; }

        public void Enter(Guid organizationId, string name, string slug) => OrganizationId = organizationId;
    }

    private sealed class Links : IPublicLinks
    {
        public string Absolute(string pathAndQuery) => PublicUrl + "/" + pathAndQuery;
    }

    /// <summary>Where the links the jobs email start.</summary>
    public const string PublicUrl = "https://numi.test";

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
        services.AddSingleton<IPublicLinks, Links>();
        services.AddScoped<JobTenant>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<JobTenant>());
        services.AddScoped<ITenantEntry>(sp => sp.GetRequiredService<JobTenant>());
        return services.BuildServiceProvider();
    }
}

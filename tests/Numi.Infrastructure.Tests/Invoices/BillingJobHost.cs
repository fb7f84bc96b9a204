using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core;
using Numi.Core.Common;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Tests.Support;

namespace Numi.Infrastructure.Tests.Invoices;

/// <summary>The billing jobs' services wired as the app wires them (each item in its own scope with its organization
/// entered), with the links jobs email (portal sign-in, public pages) on a test origin.</summary>
internal static class BillingJobHost
{
    public const string Origin = "https://numi.test";

    private sealed class JobTenant : ITenantContext, ITenantEntry
    {
        public Guid? OrganizationId { get; private set; }

        public void Enter(Guid organizationId, string name, string slug) => OrganizationId = organizationId;
    }

    internal sealed class TestPublicLinks : IPublicLinks
    {
        public string Absolute(string pathAndQuery) => Origin + "/" + pathAndQuery;
    }

    /// <param name="configure">Replaces services after the app's own (a recording processor, say).</param>
    public static ServiceProvider Services(TestDatabase database, TimeProvider clock, Action<IServiceCollection>? configure = null)
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
        services.AddSingleton<IPublicLinks, TestPublicLinks>();
        services.AddScoped<JobTenant>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<JobTenant>());
        services.AddScoped<ITenantEntry>(sp => sp.GetRequiredService<JobTenant>());
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public static async Task<Core.Jobs.JobRun> RunAsync(ServiceProvider services, Func<BillingSweep, CancellationToken, Task<Core.Jobs.JobRun>> job,
        CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        return await job(scope.ServiceProvider.GetRequiredService<BillingSweep>(), ct);
    }

    /// <summary>Every charge goes through <paramref name="gateway"/> (the organization's processor is not looked up).</summary>
    public static Action<IServiceCollection> Charging(Core.Payments.IPaymentGateway gateway) =>
        services => services.AddScoped(_ => gateway);
}

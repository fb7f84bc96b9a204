using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Numi.Core.Common;
using Numi.Infrastructure.Persistence;
using Numi.Infrastructure.Tests.Support;
using Quartz;

namespace Numi.Infrastructure.Tests.Jobs;

/// <summary><c>Database:Provider=SqlServer</c> wires EF and Quartz to SQL Server. Checked from the configuration only:
/// no SQL Server runs here, so nothing connects.</summary>
public sealed class SqlServerWiringTests
{
    [Fact]
    public async Task SqlServer_configures_the_context_and_a_clustered_Quartz_store()
    {
        await using var sp = InfrastructureServices.Build(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:Numi"] = SqlServerMigrationScript.Offline.ConnectionString,
            ["Numi:DataDirectory"] = Path.GetTempPath(),
            ["Numi:Jobs:Enabled"] = "false",
        });
        await using var scope = sp.CreateAsyncScope();

        var db = scope.ServiceProvider.GetRequiredService<NumiDbContext>();
        Assert.IsType<SqlServerNumiDbContext>(db);
        Assert.Same(db, scope.ServiceProvider.GetRequiredService<INumiDb>());
        Assert.Equal("Microsoft.EntityFrameworkCore.SqlServer", db.Database.ProviderName);

        Assert.True(sp.GetRequiredService<IOptions<ClusteringOptions>>().Value.Enabled);
        var store = Assert.Single(sp.GetServices<Quartz.Impl.AdoJobStore.Common.IDbProvider>());
        using var connection = Assert.IsType<SqlConnection>(store.CreateConnection());
        Assert.Equal(new SqlConnectionStringBuilder(SqlServerMigrationScript.Offline.ConnectionString).DataSource,
            new SqlConnectionStringBuilder(connection.ConnectionString).DataSource);
    }

    [Fact]
    public void SqlServer_needs_a_connection_string()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "sqlserver",
        }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseOptions.From(configuration));
        Assert.Contains("ConnectionStrings:Numi", error.Message);
    }
}

using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Numi.Bench.Renewals;
using Numi.Core;
using Numi.Infrastructure;
using Numi.Infrastructure.Jobs;
using Numi.Infrastructure.Persistence;

// renewals seed  PROVIDER CONNECTION COUNT   a fresh organization with COUNT monthly subscriptions, all due now
// renewals sweep PROVIDER CONNECTION         one run of the renewal job, as one node makes it; prints its counts and time
if (args.Length < 3 || args[0] is not ("seed" or "sweep"))
{
    Console.Error.WriteLine("usage: renewals seed PROVIDER CONNECTION COUNT | renewals sweep PROVIDER CONNECTION");
    return 2;
}
var (command, provider, connection) = (args[0], args[1], args[2]);
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = provider,
    ["ConnectionStrings:Numi"] = connection,
    ["Numi:DataDirectory"] = Path.Combine(Path.GetTempPath(), "numi-bench-renewals"),
    ["Numi:Jobs:Enabled"] = "false",
}).Build();
var services = new ServiceCollection();
services.AddLogging();
services.AddSingleton(TimeProvider.System);
services.AddCore();
services.AddInfrastructure(configuration);
services.AddScoped<BenchTenant>();
services.AddScoped<Numi.Core.Common.ITenantContext>(sp => sp.GetRequiredService<BenchTenant>());
services.AddScoped<Numi.Core.Common.ITenantEntry>(sp => sp.GetRequiredService<BenchTenant>());
await using var provided = services.BuildServiceProvider();

var clock = Stopwatch.StartNew();
if (command == "seed")
{
    await provided.MigrateNumiDatabaseAsync();
    await using var scope = provided.CreateAsyncScope();
    var count = await DueSubscriptions.SeedAsync(scope.ServiceProvider.GetRequiredService<NumiDbContext>(), int.Parse(args[3]), DateTime.UtcNow);
    Console.WriteLine($"seeded {count} due subscriptions in {clock.Elapsed.TotalSeconds:F1} s");
    return 0;
}
await using (var scope = provided.CreateAsyncScope())
{
    var run = await RenewSubscriptionsJob.Spec.RunOnceAsync(scope.ServiceProvider.GetRequiredService<BillingSweep>(), default);
    Console.WriteLine($"{run.Node}: examined {run.Examined}, renewed {run.Succeeded}, failed {run.Failed}, skipped {run.Skipped} " +
                      $"in {clock.Elapsed.TotalSeconds:F1} s");
    return run.Failed == 0 ? 0 : 1;
}
